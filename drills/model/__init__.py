"""The simulation model: site network, hazards, people, channels and one drill.

Nothing here reads files, prints or draws; inputs arrive as plain frozen dataclasses built by
:mod:`drills.inputs.compile`, randomness arrives as explicit numpy generators, and a drill returns
plain picklable records.
"""
