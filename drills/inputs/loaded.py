"""The three validated input files of a drill, kept with their documents for line look-ups."""

from __future__ import annotations

from dataclasses import dataclass

from drills.inputs.plan import PlanBody
from drills.inputs.scenario import ScenarioBody
from drills.inputs.site import SiteBody
from drills.inputs.yamlfile import YamlDocument


@dataclass
class Loaded:
    """The three validated files with their documents (for line look-ups)."""

    scenario: ScenarioBody
    site: SiteBody
    plan: PlanBody
    scenario_doc: YamlDocument
    site_doc: YamlDocument
    plan_doc: YamlDocument
