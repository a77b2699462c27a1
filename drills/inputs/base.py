"""Shared pieces of the input schemas: strict models and distribution specs."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from drills.model import variability as var


class Strict(BaseModel):
    """Base for every input model: unknown fields are errors, values are not coerced silently, and every
    number is finite (YAML's .inf and .nan are refused: no delay, length or rate is infinite)."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, allow_inf_nan=False)


NonNeg = Annotated[float, Field(ge=0)]
Pos = Annotated[float, Field(gt=0)]
Prob = Annotated[float, Field(ge=0, le=1)]
Ident = Annotated[str, Field(min_length=1, max_length=80, pattern=r"^[A-Za-z0-9_.\-]+$")]


class FixedSpec(Strict):
    dist: Literal["fixed"]
    value: NonNeg

    def build(self) -> var.Fixed:
        return var.Fixed(self.value)


class LogNormalSpec(Strict):
    dist: Literal["lognormal"]
    median: Pos
    p95: Pos

    @model_validator(mode="after")
    def _order(self) -> LogNormalSpec:
        if self.p95 < self.median:
            raise ValueError(f"p95 must be at least the median (got p95 {self.p95:g}, median {self.median:g}): "
                             "the 95th percentile is the value only 1 in 20 exceeds")
        return self

    def build(self) -> var.LogNormal:
        return var.LogNormal(self.median, self.p95)


class UniformSpec(Strict):
    dist: Literal["uniform"]
    low: NonNeg
    high: NonNeg

    @model_validator(mode="after")
    def _order(self) -> UniformSpec:
        if self.high < self.low:
            raise ValueError("high must be at least low")
        return self

    def build(self) -> var.Uniform:
        return var.Uniform(self.low, self.high)


class TriangularSpec(Strict):
    dist: Literal["triangular"]
    low: NonNeg
    mode: NonNeg
    high: NonNeg

    @model_validator(mode="after")
    def _order(self) -> TriangularSpec:
        if not self.low <= self.mode <= self.high:
            raise ValueError("need low <= mode <= high")
        return self

    def build(self) -> var.Triangular:
        return var.Triangular(self.low, self.mode, self.high)


class NormalSpec(Strict):
    dist: Literal["normal"]
    mean: float
    sd: NonNeg
    low: NonNeg = 0.0
    high: float = float("inf")

    def build(self) -> var.Normal:
        return var.Normal(self.mean, self.sd, self.low, self.high)


DistSpec = Annotated[
    FixedSpec | LogNormalSpec | UniformSpec | TriangularSpec | NormalSpec, Field(discriminator="dist")
]


def dist_or_number(value: float | DistSpec) -> var.Distribution:
    """A field may hold a plain number (a fixed value) or a distribution spec."""
    if isinstance(value, int | float):
        return var.Fixed(float(value))
    return value.build()


Quantity = NonNeg | DistSpec
