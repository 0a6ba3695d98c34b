"""The persuasion-technique model (SemEval-2023 subtask 3) as one package: `model` (the shipped classifier and its
loader), `training`, `cv`, and its parts: `features`, `cues`, `spans`, `tagger`, `net`."""
