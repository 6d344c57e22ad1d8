"""One question of the bank parsed and checked on its own: type, choices, scores, condition, figure. No Django."""

from __future__ import annotations

from assessments.data_errors import KEY_RE, Reader
from assessments.i18n_text import Text
from assessments.question_bank.types import (
    QUESTION_TYPES,
    UNKNOWN,
    YESNO_SCORES,
    Choice,
    Condition,
    FigureLink,
    Question,
    ScoreBand,
)

QUESTION_FIELDS = {
    "key",
    "type",
    "text",
    "help",
    "domain",
    "weight",
    "unknown",
    "required",
    "condition",
    "figure",
    "refs",
    "choices",
    "base",
    "partly",
    "partly_score",
    "min",
    "max",
    "score_bands",
    "labels",
    "who_knows",
    "critical",
}
CHOICE_FIELDS = {"value", "label", "score", "exclusive"}
YESNO_LABELS = {
    "yes": ("Sí", "Yes"),
    "partly": ("En parte", "Partly"),
    "no": ("No", "No"),
}


def _question(r: Reader, node: dict, section: str, domain_keys: set[str]) -> Question:
    key = r.key(node, f"section '{section}'")
    where = f"question '{key}'"
    r.only(node, QUESTION_FIELDS, where)
    qtype = node.get("type")
    if qtype not in QUESTION_TYPES:
        raise r.fail(where, f"type must be one of {QUESTION_TYPES}, got {qtype!r}")
    domain = node.get("domain")
    if domain is not None and domain not in domain_keys:
        raise r.fail(where, f"unknown domain '{domain}'")
    scored = domain is not None
    # Weight 0 is allowed, explicitly, for a question that informs but does not score (e.g. ai_strategy).
    weight = r.number(node, "weight", where, low=0, high=5) if scored else 0.0
    if not scored and node.get("weight"):
        raise r.fail(where, "an unscored question (no domain) cannot have a weight")
    fields = dict(
        key=key,
        type=qtype,
        section=section,
        text=r.text(node, "text", where),
        help=r.text(node, "help", where, optional=True),
        domain=domain,
        weight=float(weight),
        unknown=bool(node.get("unknown", False)),
        required=bool(node.get("required", True)),
        refs=r.refs(node, where),
        who_knows=tuple(str(k) for k in r.items(node.get("who_knows") or [], f"{where}.who_knows")),
        critical=r.text(node, "critical", where, optional=True),
    )
    if fields["critical"] is not None and not scored:
        raise r.fail(where, "only a scored question can be a critical control")
    if "partly_score" in node and (qtype != "yesno" or not scored or node.get("partly") is False):
        raise r.fail(where, "'partly_score' is only for scored yesno questions that offer 'partly'")
    if qtype in ("single", "multi"):
        fields["choices"] = _choices(r, node, where, scored=scored, allow_negative=qtype == "multi")
        if qtype == "multi":
            fields["base"] = r.number(node, "base", where, low=0, high=1, default=0)
    elif qtype == "yesno":
        if "choices" in node:
            raise r.fail(where, "a yesno question has fixed choices; remove 'choices'")
        names = ("yes", "partly", "no") if node.get("partly", True) else ("yes", "no")
        scores = dict(YESNO_SCORES)
        if "partly_score" in node:
            # All-or-nothing controls (one e-mail account without MFA is the way in) earn less than half.
            scores["partly"] = float(r.number(node, "partly_score", where, low=0.05, high=0.95))
        fields["choices"] = tuple(
            Choice(value=v, label=_yesno_label(v), score=scores[v] if scored else None) for v in names
        )
    elif qtype == "number":
        fields.update(_number_fields(r, node, where, scored=scored))
    else:  # scale
        low, high = node.get("min"), node.get("max")
        if not (isinstance(low, int) and isinstance(high, int) and low < high):
            raise r.fail(where, "a scale needs integer min < max")
        labels = r.mapping(node.get("labels"), f"{where}.labels")
        fields.update(
            minimum=low,
            maximum=high,
            scale_labels={end: r.text(labels, end, f"{where}.labels") for end in ("min", "max")},
        )
    if any(c.value == UNKNOWN for c in fields.get("choices", ())):
        raise r.fail(where, "use 'unknown: true' instead of a choice named 'unknown'")
    cond = node.get("condition")
    if cond is not None:
        if scored:
            # No gain from gates: a scored control is asked of every company, so claiming not to use
            # a tool (or AI) can never hide a gap and raise the score.
            raise r.fail(where, "a scored question cannot have a condition (every company is asked every control)")
        cond = r.mapping(cond, f"{where}.condition")
        r.only(cond, {"question", "in", "reason"}, f"{where}.condition")
        values = r.items(cond.get("in"), f"{where}.condition.in")
        fields["condition"] = Condition(
            question=str(cond.get("question")),
            values=frozenset(map(str, values)),
            reason=r.text(cond, "reason", f"{where}.condition", optional=True),
        )
    fig = node.get("figure")
    if fig is not None:
        fig = r.mapping(fig, f"{where}.figure")
        r.only(fig, {"key", "match", "partial", "hidden_means_no"}, f"{where}.figure")
        fields["figure"] = FigureLink(
            key=str(fig.get("key")),
            match=frozenset(map(str, r.items(fig.get("match"), f"{where}.figure.match"))),
            partial=frozenset(map(str, fig.get("partial") or [])),
            hidden_means_no=bool(fig.get("hidden_means_no", False)),
        )
    question = Question(**fields)
    if question.critical is not None and (
        qtype not in ("single", "yesno") or min(c.score for c in question.choices) != 0
    ):
        raise r.fail(where, "a critical control must be a single/yesno question whose worst choice scores 0")
    return question


def _yesno_label(value: str) -> Text:
    es, en = YESNO_LABELS[value]
    return Text(es=es, en=en)


def _choices(r: Reader, node: dict, where: str, *, scored: bool, allow_negative: bool) -> tuple[Choice, ...]:
    choices = []
    for i, cnode in enumerate(r.items(node.get("choices"), f"{where}.choices")):
        cnode = r.mapping(cnode, f"{where}.choices[{i}]")
        value = cnode.get("value")
        if not isinstance(value, str) or not KEY_RE.match(value):
            raise r.fail(f"{where}.choices[{i}]", f"invalid choice value {value!r} (snake_case string expected)")
        cwhere = f"{where} choice '{value}'"
        r.only(cnode, CHOICE_FIELDS, cwhere)
        score = None
        if scored:
            if "score" not in cnode:
                raise r.fail(cwhere, "choice without score in a scored question")
            score = float(r.number(cnode, "score", cwhere, low=-1 if allow_negative else 0, high=1))
        elif cnode.get("score") is not None:
            raise r.fail(cwhere, "an unscored question's choices cannot have scores")
        choices.append(
            Choice(
                value=value,
                label=r.text(cnode, "label", cwhere),
                score=score,
                exclusive=bool(cnode.get("exclusive")),
            )
        )
    if len(choices) < 2:
        raise r.fail(where, "needs at least two choices")
    r.unique([c.value for c in choices], "choice", where)
    return tuple(choices)


def _number_fields(r: Reader, node: dict, where: str, *, scored: bool) -> dict:
    low, high = node.get("min"), node.get("max")
    if not (isinstance(low, int) and isinstance(high, int) and low < high):
        raise r.fail(where, "a number question needs integer min < max")
    bands = []
    for i, b in enumerate(r.items(node.get("score_bands") or [], f"{where}.score_bands")):
        b = r.mapping(b, f"{where}.score_bands[{i}]")
        bands.append(
            ScoreBand(
                at_least=int(r.number(b, "at_least", f"{where}.score_bands[{i}]", low=low, high=high)),
                score=float(r.number(b, "score", f"{where}.score_bands[{i}]", low=0, high=1)),
            )
        )
    if scored and not bands:
        raise r.fail(where, "a scored number question needs score_bands")
    if not scored and bands:
        raise r.fail(where, "an unscored number question cannot have score_bands")
    for prev, cur in zip(bands, bands[1:], strict=False):
        if cur.at_least <= prev.at_least or cur.score < prev.score:
            raise r.fail(where, "score_bands must rise: ascending at_least, non-decreasing score")
    return {"minimum": low, "maximum": high, "score_bands": tuple(bands)}
