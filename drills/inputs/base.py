"""Shared pieces of the input schemas: strict models and distribution specs."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Annotated, Any, Literal, get_args

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    GetCoreSchemaHandler,
    GetJsonSchemaHandler,
    ModelWrapValidatorHandler,
    ValidationError,
    model_validator,
)
from pydantic_core import core_schema

from drills.inputs.yamlfile import number_as_written
from drills.model import variability as var


class Strict(BaseModel):
    """Base for every input model: unknown fields are errors, values are not coerced silently, and every
    number is finite (YAML's .inf and .nan are refused: no delay, length or rate is infinite).

    A model's rules across its fields (its ``mode="after"`` validators: "give either breach_s or
    on_overtopping") are told together with the faults of its fields, not only once those are mended
    (:meth:`_rules_across_fields_too`)."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, allow_inf_nan=False)

    @model_validator(mode="wrap")
    @classmethod
    def _rules_across_fields_too(cls, data: Any, handler: ModelWrapValidatorHandler[Any]) -> Any:
        """Pydantic runs the rules across fields only on a model whose fields are all valid. When some are not,
        run each rule on the fields as written, and add what it finds to the faults of the fields; a rule
        that reads a faulty field (or one it cannot read as written) is left for when that field is mended,
        so that nothing is told that mending the field would undo."""
        try:
            return handler(data)
        except ValidationError as exc:
            rules = [d.func for d in cls.__pydantic_decorators__.model_validators.values() if d.info.mode == "after"]
            errors = exc.errors()
            if not rules or not isinstance(data, dict) or any(not e["loc"] for e in errors):
                raise
            written = _AsWritten(cls, data, {e["loc"][0] for e in errors})
            broken = []
            for rule in rules:
                try:
                    rule(written)
                except _Unreadable:
                    continue
                except (ValueError, AssertionError) as fault:
                    broken.append(fault)
                except (AttributeError, TypeError, KeyError):  # a nested value as written, not as a model
                    continue
            if not broken:
                raise
            details: list[Any] = [{k: e[k] for k in ("type", "loc", "input", "ctx") if k in e} for e in errors]
            details += [{"type": "value_error", "loc": (), "input": data, "ctx": {"error": f}} for f in broken]
            try:
                together = ValidationError.from_exception_data(exc.title, details)
            except (KeyError, TypeError, ValueError):  # an error type pydantic cannot make again: tell the first
                raise exc from None
            raise together from None


class ItemFault(ValueError):
    """A fault a list's own check finds in one of its items (a time that does not increase): told at that item,
    ``at`` being its place below the list (``(2, "t_s")``), not at the list (see
    :func:`drills.inputs.validate.problems_from`). A check that finds faults in several items raises the first,
    the others in its ``also``: each is told at its own item."""

    def __init__(self, message: str, at: tuple[int | str, ...], also: tuple[ItemFault, ...] = ()) -> None:
        super().__init__(message)
        self.at = at
        self.also = also


class _Unreadable(Exception):
    """A field a rule across fields reads is faulty or missing: the rule waits until it is mended."""


class _AsWritten:
    """A model's fields as written in the file, for its rules across fields: its valid fields by their names
    (defaults where left out); reading a faulty one raises :class:`_Unreadable`."""

    def __init__(self, model: type[BaseModel], data: dict, faulty: set[Any]):
        self._model, self._data, self._faulty = model, data, faulty

    def __getattr__(self, name: str) -> Any:
        info = self._model.model_fields.get(name)
        key = (info.alias or name) if info is not None else name
        if info is None or {name, key} & self._faulty:
            raise _Unreadable(name)
        for k in (key, name):
            if k in self._data:
                return self._data[k]
        if info.is_required():
            raise _Unreadable(name)
        # a default made from other fields (a channel's need of the mains, by its type) is made from them as written
        return info.get_default(call_default_factory=True, validated_data=self._data)


NonNeg = Annotated[float, Field(ge=0)]
Pos = Annotated[float, Field(gt=0)]
Prob = Annotated[float, Field(ge=0, le=1)]
#: text the report shows or a path: not empty
Text = Annotated[str, Field(min_length=1)]


# Limits of the tool, not of the world: drill simulates every person one by one and steps its water and rain on
# grids (every 10 s of the run, every 2 cm of height), so a value far beyond any real one (a slip of units, a
# duration in ms) would fill the machine's memory before the run began. Each is many times the largest real value:
# a drill follows one flood event, over hours to a few days; a passage is metres high; a crew at one place is tens.
#: longest drill or storm: 30 days
MAX_DURATION_S = 30 * 86_400.0
#: shortest step of a storm's hyetograph, shortest polling period of the monitoring
MIN_STEP_S = 1.0
#: highest passage (its clear height)
MAX_PASSAGE_HEIGHT_M = 1_000.0
#: most people of one crew at one place, households at one place, people at a school or field
MAX_AT_ONE_PLACE = 100_000
#: why each limit is there, as the message says it
WHY_TIME_GRID = "the water and the rain are stepped through the whole run"
WHY_LEVEL_GRID = "the water's level is stepped every 2 cm up the workings"
WHY_PEOPLE = "every person is simulated one by one"
WHY_POLLS = "the monitoring is polled through the whole run"


class Rule:
    """A rule on a field's value, in its ``Annotated`` metadata: ``check`` runs after the field's own type and bounds
    (it returns the value, or raises ValueError in the planner's words), and ``schema`` is added to the field's JSON
    Schema, so an editor flags the same values as the planner types."""

    def __init__(self, check: Callable[[Any], Any], schema: dict[str, Any]) -> None:
        self.check = check
        self.schema = schema

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        return core_schema.no_info_after_validator_function(self.check, handler(source))

    def __get_pydantic_json_schema__(self, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler) -> Any:
        return {**handler(schema), **self.schema}


def at_most(limit: float, unit: str, why: str) -> Rule:
    """A limit of the tool (above), told with its reason: '… at most 2592000 s, as the water …'."""
    def check(v: Any) -> Any:
        if v > limit:
            raise ValueError(f"more than drill can take: at most {limit:.10g} {unit}, as {why}")
        return v
    return Rule(check, {"maximum": limit})


def at_least(limit: float, unit: str, why: str) -> Rule:
    """A lower limit of the tool, as :func:`at_most`."""
    def check(v: Any) -> Any:
        if v < limit:
            raise ValueError(f"less than drill can take: at least {limit:.10g} {unit}, as {why}")
        return v
    return Rule(check, {"minimum": limit})


def one_or_more(why: str) -> Rule:
    """A count that starts at 1 (a crew's people, a cage's persons), told in the planner's words: ``why`` says what
    the number is and what to write instead of 0, where pydantic said only "greater than or equal to 1"."""
    def check(v: Any) -> Any:
        if v < 1:
            raise ValueError(why)
        return v
    return Rule(check, {"minimum": 1})


def repeated(ids: Iterable[Any]) -> list[int]:
    """The positions of the ids that an earlier one already is (None: an item without an id)."""
    seen: set[Any] = set()
    out = []
    for k, ident in enumerate(ids):
        if ident is None:
            continue
        if ident in seen:
            out.append(k)
        seen.add(ident)
    return out


def _once_each(items: Any) -> Any:
    """A list in which nothing is written twice (a station, an exit, a step of a path), or the item and both
    places."""
    again = repeated(items or ())
    if again:
        item = items[again[0]]
        raise ValueError(f"{item!r} is listed twice ([{items.index(item)}] and [{again[0]}])")
    return items


def _not_only_dots(v: Any) -> Any:
    """An id of dots alone ('.', '..') names a folder: the outputs of a scenario with id '..' went to the folder
    above reports/."""
    if isinstance(v, str) and v and set(v) == {"."}:
        raise ValueError(f"an id of dots alone ({v!r}) names a folder, not a thing: use letters or digits")
    return v


def _number_as_text(v: Any) -> Any:
    """A name written as a number (``level: -360``, ``id: 800``, ``version: 2``) is the text the file writes, not
    the number read back: ``007`` stays ``007``, not 7, and ``2.10`` stays ``2.10``."""
    if isinstance(v, bool) or not isinstance(v, int | float):
        return v
    return number_as_written(v)


class _TextOrNumber:
    """Last in a text field's ``Annotated`` metadata: a number written there is taken as its text
    (:func:`_number_as_text`) before the text's own rules, and the field's JSON Schema takes a number too, so an
    editor does not flag ``id: 800``, which ``drill validate`` accepts, while it still checks written text against
    the field's pattern and lengths."""

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        return core_schema.no_info_before_validator_function(_number_as_text, handler(source))

    def __get_pydantic_json_schema__(self, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler) -> Any:
        return {"anyOf": [handler(schema), {"type": "number"}]}


#: a label or name of free form that a planner may write as a number (a mining level '-360', a version, a season)
Label = Annotated[str, _TextOrNumber()]
#: the characters of an id
ID_PATTERN = r"^[A-Za-z0-9_.\-]+$"
#: a name in the files (a node, a role, a scenario): letters, digits, '_', '.', '-', and not dots alone; one written
#: as a number (``id: 800``) is its text
Ident = Annotated[str, Field(min_length=1, max_length=80, pattern=ID_PATTERN),
                  Rule(_not_only_dots, {"not": {"pattern": r"^\.+$"}}), _TextOrNumber()]
#: a list of names in which each may be written once
UNIQUE = Rule(_once_each, {"uniqueItems": True})
Idents = Annotated[list[Ident], UNIQUE]


Duration = Annotated[float, Field(gt=0), at_most(MAX_DURATION_S, "s (30 days)", WHY_TIME_GRID)]


class FixedSpec(Strict):
    dist: Literal["fixed"] = Field(description="'fixed': the same value in every replication")
    value: NonNeg = Field(description="the value, in the unit of the field it is given for (seconds for a *_s field)")

    def build(self) -> var.Fixed:
        return var.Fixed(self.value)


class LogNormalSpec(Strict):
    dist: Literal["lognormal"] = Field(
        description="'lognormal': skewed to long values, as delays are; given by its median and 95th percentile")
    median: Pos = Field(description="the value half the replications stay below, in the unit of the field")
    p95: Pos = Field(description="95th percentile: the value only 1 replication in 20 exceeds; at least the median")

    @model_validator(mode="after")
    def _order(self) -> LogNormalSpec:
        if self.p95 < self.median:
            raise ValueError(f"p95 must be at least the median (got p95 {self.p95:g}, median {self.median:g}): "
                             "the 95th percentile is the value only 1 in 20 exceeds")
        return self

    def build(self) -> var.LogNormal:
        return var.LogNormal(self.median, self.p95)


class UniformSpec(Strict):
    dist: Literal["uniform"] = Field(description="'uniform': every value between low and high equally likely")
    low: NonNeg = Field(description="smallest value, in the unit of the field")
    high: NonNeg = Field(description="largest value, in the unit of the field; at least low")

    @model_validator(mode="after")
    def _order(self) -> UniformSpec:
        if self.high < self.low:
            raise ValueError(f"high must be at least low (got low {self.low:g}, high {self.high:g})")
        return self

    def build(self) -> var.Uniform:
        return var.Uniform(self.low, self.high)


class TriangularSpec(Strict):
    dist: Literal["triangular"] = Field(
        description="'triangular': values between low and high, most often near mode (e.g. shortest, usual, longest)")
    low: NonNeg = Field(description="smallest value, in the unit of the field")
    mode: NonNeg = Field(description="most likely value, in the unit of the field; between low and high")
    high: NonNeg = Field(description="largest value, in the unit of the field")

    @model_validator(mode="after")
    def _order(self) -> TriangularSpec:
        if not self.low <= self.mode <= self.high:
            raise ValueError(f"mode must lie between low and high (got low {self.low:g}, mode {self.mode:g}, "
                             f"high {self.high:g})")
        return self

    def build(self) -> var.Triangular:
        return var.Triangular(self.low, self.mode, self.high)


#: how many standard deviations a normal's mean may lie outside its [low, high] before no draw can fall inside
NORMAL_REACH_SD = 4.0


class NormalSpec(Strict):
    dist: Literal["normal"] = Field(
        description="'normal': a bell curve by mean and standard deviation, cut to [low, high] by drawing again")
    mean: float = Field(description="mean value, in the unit of the field")
    sd: NonNeg = Field(description="standard deviation, in the unit of the field")
    low: NonNeg = Field(default=0.0, description="smallest value kept; default 0: no negative times or lengths")
    high: float = Field(default=float("inf"), description=(
        "largest value kept, at least low; default: no upper limit"))

    @model_validator(mode="after")
    def _order(self) -> NormalSpec:
        # below low (and so below 0) no value is kept: the sampler would give high itself, a negative delay
        if self.high < self.low:
            raise ValueError(f"high must be at least low (got low {self.low:g}, high {self.high:g})")
        # [P] 4 sd: less than 1 draw in 30 000 would fall inside the bounds; the sampler would give the bound
        # itself every time, a fixed value that the planner did not write
        for side, edge, beyond in (("below", self.low, self.mean + NORMAL_REACH_SD * self.sd < self.low),
                                   ("above", self.high, self.mean - NORMAL_REACH_SD * self.sd > self.high)):
            if beyond and self.low < self.high:  # low = high pins the value on purpose
                raise ValueError(f"mean {self.mean:g} with sd {self.sd:g} lies wholly {side} {edge:g}: every draw "
                                 f"would be cut to {edge:g}; give a mean between low and high")
        return self

    def build(self) -> var.Normal:
        return var.Normal(self.mean, self.sd, self.low, self.high)


DistSpec = Annotated[
    FixedSpec | LogNormalSpec | UniformSpec | TriangularSpec | NormalSpec, Field(discriminator="dist")
]
#: the names a distribution's ``dist`` may take, one per spec of :data:`DistSpec`
DIST_NAMES = tuple(get_args(spec.model_fields["dist"].annotation)[0] for spec in get_args(get_args(DistSpec)[0]))


def dist_or_number(value: float | DistSpec) -> var.Distribution:
    """A field may hold a plain number (a fixed value) or a distribution spec."""
    if isinstance(value, int | float):
        return var.Fixed(float(value))
    return value.build()


Quantity = NonNeg | DistSpec
