"""Loads and validates the question bank and the recommendation texts. No Django import.

Every problem raises DataError naming the file and the bad key, e.g.
`bank.yaml: question 'mfa_email': missing translation 'help.en'`.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from assessments.benchmarks.loader import default_benchmarks
from assessments.benchmarks.types import Benchmarks
from assessments.data_errors import KEY_RE, DataError, Reader, read_yaml
from assessments.i18n_text import Text
from assessments.question_bank.types import (
    QUESTION_TYPES,
    UNKNOWN,
    YESNO_SCORES,
    Bank,
    Choice,
    Condition,
    CostRange,
    Domain,
    FigureLink,
    Question,
    Recommendation,
    Resource,
    ScoreBand,
    Section,
    Trigger,
)

DATA_DIR = Path(__file__).parent / "data"
BANK_PATH = DATA_DIR / "bank.yaml"
RECOMMENDATIONS_PATH = DATA_DIR / "recommendations.yaml"
MIN_QUESTIONS, MAX_QUESTIONS = 40, 60
# One section is one page of the questionnaire; on a phone, more than this is a long scroll.
MAX_SECTION_QUESTIONS = 8
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
RECOMMENDATION_FIELDS = {
    "key",
    "title",
    "text",
    "impact",
    "effort",
    "horizon",
    "triggers",
    "refs",
    "cost_mxn",
    "resources",
}
RESOURCE_FIELDS = {"key", "name", "contact", "url"}
HORIZONS = (30, 60, 90)
YESNO_LABELS = {
    "yes": ("Sí", "Yes"),
    "partly": ("En parte", "Partly"),
    "no": ("No", "No"),
}

__all__ = ["DataError", "default_bank", "load_bank"]


def load_bank(
    path: Path = BANK_PATH,
    *,
    recommendations_path: Path = RECOMMENDATIONS_PATH,
    benchmarks: Benchmarks | None = None,
    check_size: bool = True,
) -> Bank:
    """Read and validate the bank against `benchmarks` (the project's data by default)."""
    benchmarks = benchmarks or default_benchmarks()
    r = Reader(Path(path).name)
    root = r.mapping(read_yaml(Path(path)), "top level")
    version = root.get("version")
    if not isinstance(version, str) or not version:
        raise r.fail("version", "missing bank version (a string)")
    domains = _domains(r, root)
    domain_keys = {d.key for d in domains}
    contacts = _contacts(r, root)
    sections: list[Section] = []
    seen: dict[str, Question] = {}
    for i, snode in enumerate(r.items(root.get("sections"), "sections")):
        snode = r.mapping(snode, f"sections[{i}]")
        skey = r.key(snode, f"sections[{i}]")
        questions = []
        for j, qnode in enumerate(r.items(snode.get("questions"), f"section '{skey}'.questions")):
            q = _question(r, r.mapping(qnode, f"section '{skey}'.questions[{j}]"), skey, domain_keys)
            _check_who_knows(r, q, contacts)
            if q.key in seen:
                raise r.fail(f"question '{q.key}'", f"duplicate question key '{q.key}'")
            _check_condition(r, q, seen)
            _check_figure(r, q, benchmarks)
            seen[q.key] = q
            questions.append(q)
        if not questions:
            raise r.fail(f"section '{skey}'", "has no questions")
        if len(questions) > MAX_SECTION_QUESTIONS:
            raise r.fail(
                f"section '{skey}'",
                f"has {len(questions)} questions; a section (one page) holds at most {MAX_SECTION_QUESTIONS}",
            )
        sections.append(
            Section(
                key=skey,
                title=r.text(snode, "title", f"section '{skey}'"),
                intro=r.text(snode, "intro", f"section '{skey}'", optional=True),
                questions=tuple(questions),
            )
        )
    r.unique([s.key for s in sections], "section", "sections")
    if check_size and not MIN_QUESTIONS <= len(seen) <= MAX_QUESTIONS:
        raise r.fail("sections", f"{len(seen)} questions; the bank must hold {MIN_QUESTIONS} to {MAX_QUESTIONS}")
    linked = {q.figure.key for q in seen.values() if q.figure}
    for figure in benchmarks.figures:
        if figure.compare == "status" and figure.key not in linked:
            raise r.fail("sections", f"study figure '{figure.key}' is not linked to any question")
    for domain in domains:
        if not any(q.domain == domain.key for q in seen.values()):
            raise r.fail(f"domain '{domain.key}'", "has no questions")
    rec_version, recommendations = _recommendations(Path(recommendations_path), seen)
    return Bank(
        version=version,
        recommendations_version=rec_version,
        domains=domains,
        sections=tuple(sections),
        recommendations=recommendations,
        contacts=contacts,
    )


@lru_cache(maxsize=1)
def default_bank() -> Bank:
    return load_bank()


def _domains(r: Reader, root: dict) -> tuple[Domain, ...]:
    domains = []
    for i, node in enumerate(r.items(root.get("domains"), "domains")):
        node = r.mapping(node, f"domains[{i}]")
        key = r.key(node, f"domains[{i}]")
        where = f"domain '{key}'"
        domains.append(
            Domain(
                key=key,
                title=r.text(node, "title", where),
                description=r.text(node, "description", where, optional=True),
                weight=r.number(node, "weight", where, low=0.1, high=10),
            )
        )
    r.unique([d.key for d in domains], "domain", "domains")
    return tuple(domains)


def _contacts(r: Reader, root: dict) -> dict[str, Text]:
    """Who can answer a "No sé" (e.g. accountant: {es: "su contador", en: "your accountant"})."""
    contacts: dict[str, Text] = {}
    for i, node in enumerate(r.items(root.get("contacts") or [], "contacts")):
        node = r.mapping(node, f"contacts[{i}]")
        key = r.key(node, f"contacts[{i}]")
        r.only(node, {"key", "label"}, f"contact '{key}'")
        if key in contacts:
            raise r.fail("contacts", f"duplicate contact key '{key}'")
        contacts[key] = r.text(node, "label", f"contact '{key}'")
    return contacts


def _check_who_knows(r: Reader, q: Question, contacts: dict[str, Text]) -> None:
    where = f"question '{q.key}'"
    for key in q.who_knows:
        if key not in contacts:
            raise r.fail(where, f"who_knows names unknown contact '{key}'")
    if q.unknown and not q.who_knows:
        raise r.fail(where, "offers 'No sé' but has no who_knows (who can find out the answer)")


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


def _check_condition(r: Reader, q: Question, earlier: dict[str, Question]) -> None:
    cond = q.condition
    if cond is None:
        return
    where = f"question '{q.key}'.condition"
    parent = earlier.get(cond.question)
    if parent is None:
        raise r.fail(where, f"unknown condition target '{cond.question}' (must be an earlier question)")
    if parent.scored:
        raise r.fail(where, f"condition target '{cond.question}' is scored; conditions may only use unscored questions")
    if parent.type not in ("single", "multi", "yesno"):
        raise r.fail(where, f"condition target '{cond.question}' must be a choice question")
    bad = cond.values - set(parent.choice_values())
    if bad:
        raise r.fail(where, f"value(s) {sorted(bad)} are not choices of '{cond.question}'")


def _check_figure(r: Reader, q: Question, benchmarks: Benchmarks) -> None:
    fig = q.figure
    if fig is None:
        return
    where = f"question '{q.key}'.figure"
    if not benchmarks.has_figure(fig.key):
        raise r.fail(where, f"unknown study figure '{fig.key}'")
    if benchmarks.figure(fig.key).compare != "status":
        raise r.fail(where, f"study figure '{fig.key}' is context only and cannot be compared with an answer")
    if q.type not in ("single", "multi", "yesno"):
        raise r.fail(where, "only choice questions can be compared with a figure")
    bad = (fig.match | fig.partial) - set(q.choice_values())
    if bad or not fig.match:
        raise r.fail(where, f"match/partial value(s) {sorted(bad) or '[]'} are not choices of the question")


def _recommendations(path: Path, questions: dict[str, Question]) -> tuple[str, tuple[Recommendation, ...]]:
    r = Reader(path.name)
    root = r.mapping(read_yaml(path), "top level")
    version = root.get("version")
    if not isinstance(version, str) or not version:
        raise r.fail("version", "missing recommendations version (a string)")
    resources = _resources(r, root)
    recs = []
    for i, node in enumerate(r.items(root.get("recommendations"), "recommendations")):
        node = r.mapping(node, f"recommendations[{i}]")
        key = r.key(node, f"recommendations[{i}]")
        where = f"recommendation '{key}'"
        r.only(node, RECOMMENDATION_FIELDS, where)
        effort = int(r.number(node, "effort", where, low=1, high=3))
        horizon = node.get("horizon", {1: 30, 2: 60, 3: 90}[effort])
        if horizon not in HORIZONS:
            raise r.fail(where, f"horizon must be 30, 60 or 90, got {horizon!r}")
        used = []
        for name in r.items(node.get("resources") or [], f"{where}.resources"):
            if name not in resources:
                raise r.fail(where, f"unknown resource '{name}'")
            used.append(resources[name])
        triggers = []
        for j, t in enumerate(r.items(node.get("triggers"), f"{where}.triggers")):
            t = r.mapping(t, f"{where}.triggers[{j}]")
            target = questions.get(str(t.get("question")))
            if target is None:
                raise r.fail(where, f"trigger names unknown question '{t.get('question')}'")
            if not target.scored:
                raise r.fail(where, f"trigger question '{target.key}' is unscored")
            below = float(r.number(t, "below", f"{where}.triggers[{j}]", low=0.01, high=1))
            triggers.append(Trigger(question=target.key, below=below))
        if not triggers:
            raise r.fail(where, "needs at least one trigger")
        recs.append(
            Recommendation(
                key=key,
                title=r.text(node, "title", where),
                text=r.text(node, "text", where),
                impact=int(r.number(node, "impact", where, low=1, high=3)),
                effort=effort,
                horizon=horizon,
                triggers=tuple(triggers),
                refs=r.refs(node, where),
                cost_mxn=_cost(r, node, where),
                resources=tuple(used),
            )
        )
    r.unique([rec.key for rec in recs], "recommendation", "recommendations")
    covered = {t.question for rec in recs for t in rec.triggers}
    for q in questions.values():
        if q.scored and q.key not in covered:
            raise r.fail("recommendations", f"scored question '{q.key}' is not covered by any recommendation")
    return version, tuple(recs)


def _resources(r: Reader, root: dict) -> dict[str, Resource]:
    resources: dict[str, Resource] = {}
    for i, node in enumerate(r.items(root.get("resources") or [], "resources")):
        node = r.mapping(node, f"resources[{i}]")
        key = r.key(node, f"resources[{i}]")
        where = f"resource '{key}'"
        r.only(node, RESOURCE_FIELDS, where)
        if key in resources:
            raise r.fail("resources", f"duplicate resource key '{key}'")
        url = node.get("url")
        if url is not None and not (isinstance(url, str) and url.startswith("https://")):
            raise r.fail(where, "url must be an https:// address")
        resources[key] = Resource(
            key=key, name=r.text(node, "name", where), contact=r.text(node, "contact", where), url=url
        )
    return resources


def _cost(r: Reader, node: dict, where: str) -> CostRange:
    """Every action states a rough cost range in MXN (min <= max; 0-0 = free)."""
    cost = r.mapping(node.get("cost_mxn"), f"{where}.cost_mxn")
    r.only(cost, {"min", "max"}, f"{where}.cost_mxn")
    low = int(r.number(cost, "min", f"{where}.cost_mxn", low=0, high=10_000_000))
    high = int(r.number(cost, "max", f"{where}.cost_mxn", low=0, high=10_000_000))
    if high < low:
        raise r.fail(f"{where}.cost_mxn", f"max ({high}) is below min ({low})")
    return CostRange(min=low, max=high)
