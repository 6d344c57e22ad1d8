"""The scoring engine. Pure Python: importing it must never import Django."""

from assessments.scoring.engine import score_assessment
from assessments.scoring.result import SCORING_VERSION, Result

__all__ = ["SCORING_VERSION", "Result", "score_assessment"]
