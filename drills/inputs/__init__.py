"""Loading, validating and compiling the planner's YAML files (site, plan, scenario)."""
