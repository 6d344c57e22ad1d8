"""Writes through the services: answers saved per step, stale tabs detected, results frozen."""

import pytest

from assessments import selectors, services
from assessments.models import Answer, ResultSnapshot
from assessments.question_bank.answers import AnswerError
from assessments.tokens import token_hash


def test_start_stores_only_the_hash_of_a_long_token(started):
    assessment, token = started
    assert len(token) >= 43  # 32 random bytes, URL-safe base64: 256 bits
    assert assessment.token_hash == token_hash(token)
    assert token not in assessment.token_hash
    assert assessment.status == "draft" and assessment.bank_version


def test_tokens_are_unique(organization):
    tokens = {services.assessment_start(organization=organization)[1] for _ in range(20)}
    assert len(tokens) == 20


def test_token_lookup_finds_the_assessment_and_refuses_others(started):
    from readiness.errors import NotFound

    assessment, token = started
    assert selectors.assessment_get_by_token(token=token) == assessment
    for wrong in ("", token[:-1], token + "x", "a" * 43):
        with pytest.raises(NotFound):
            selectors.assessment_get_by_token(token=wrong)


def test_expired_token_is_refused(started):
    from datetime import timedelta

    from django.utils import timezone

    from readiness.errors import NotFound

    assessment, token = started
    assessment.token_expires_at = timezone.now() - timedelta(seconds=1)
    assessment.save()
    with pytest.raises(NotFound):
        selectors.assessment_get_by_token(token=token)


def test_saving_a_step_writes_one_row_per_question_and_bumps_revision(started, sample_answers):
    assessment, _ = started
    first_two = dict(list(sample_answers.items())[:2])
    services.assessment_save_answers(assessment=assessment, answers=first_two, revision=0)
    assert dict(Answer.objects.filter(assessment=assessment).values_list("question_key", "value")) == first_two
    assert assessment.revision == 1
    services.assessment_save_answers(assessment=assessment, answers=first_two, revision=1)
    assert Answer.objects.filter(assessment=assessment).count() == 2


def test_a_stale_revision_is_refused_and_saves_nothing(started, sample_answers):
    assessment, _ = started
    key, value = next(iter(sample_answers.items()))
    services.assessment_save_answers(assessment=assessment, answers={key: value}, revision=0)
    other_key, other_value = list(sample_answers.items())[1]
    with pytest.raises(services.StaleRevision):
        services.assessment_save_answers(assessment=assessment, answers={other_key: other_value}, revision=0)
    assert not Answer.objects.filter(assessment=assessment, question_key=other_key).exists()


def test_an_invalid_answer_saves_nothing_of_the_step(started, sample_answers, bank):
    assessment, _ = started
    good_key, good_value = next(iter(sample_answers.items()))
    single = next(q for q in bank.questions if q.type in ("single", "yesno") and q.key != good_key)
    with pytest.raises(AnswerError):
        services.assessment_save_answers(assessment=assessment, answers={good_key: good_value, single.key: "tampered"})
    assert not Answer.objects.filter(assessment=assessment).exists()


def test_none_clears_an_answer(started, sample_answers):
    assessment, _ = started
    key, value = next(iter(sample_answers.items()))
    services.assessment_save_answers(assessment=assessment, answers={key: value})
    services.assessment_save_answers(assessment=assessment, answers={key: None})
    assert not Answer.objects.filter(assessment=assessment).exists()


def test_submit_freezes_the_result_with_all_versions(started, sample_answers, bank):
    assessment, _ = started
    services.assessment_save_answers(assessment=assessment, answers=sample_answers)
    snapshot = services.assessment_submit(assessment=assessment)
    assessment.refresh_from_db()
    assert assessment.status == "submitted" and assessment.submitted_at
    assert snapshot.bank_version == bank.version
    assert snapshot.benchmarks_version and snapshot.scoring_version
    assert snapshot.answers == sample_answers
    assert snapshot.result["overall"] == snapshot.overall
    assert len(snapshot.content_hash) == 64


def test_submitted_assessment_is_frozen(started, sample_answers):
    assessment, _ = started
    services.assessment_save_answers(assessment=assessment, answers=sample_answers)
    services.assessment_submit(assessment=assessment)
    with pytest.raises(services.AlreadySubmitted):
        services.assessment_save_answers(assessment=assessment, answers={})
    with pytest.raises(services.AlreadySubmitted):
        services.assessment_submit(assessment=assessment)
    assert ResultSnapshot.objects.filter(assessment=assessment).count() == 1


def test_same_answers_give_the_same_content_hash(organization, sample_answers):
    hashes = []
    for _ in range(2):
        assessment, _ = services.assessment_start(organization=organization)
        services.assessment_save_answers(assessment=assessment, answers=sample_answers)
        hashes.append(services.assessment_submit(assessment=assessment).content_hash)
    assert hashes[0] == hashes[1]


def test_firm_scoping(firm, organization):
    from readiness.errors import NotFound
    from tests.factories import FirmFactory, OrganizationFactory

    mine = OrganizationFactory(firm=firm)
    other = OrganizationFactory(firm=FirmFactory())
    assert list(selectors.organization_list_for_firm(firm=firm)) == [mine]
    theirs, _ = services.assessment_start(organization=other)
    with pytest.raises(NotFound):
        selectors.assessment_get_for_firm(firm=firm, assessment_id=theirs.pk)
    alone, _ = services.assessment_start(organization=organization)  # an owner assessing alone
    with pytest.raises(NotFound):
        selectors.assessment_get_for_firm(firm=firm, assessment_id=alone.pk)
    own, _ = services.assessment_start(organization=mine)
    assert selectors.assessment_get_for_firm(firm=firm, assessment_id=own.pk) == own


def test_submit_survives_answers_saved_under_an_older_bank(started, sample_answers):
    assessment, _ = started
    services.assessment_save_answers(assessment=assessment, answers=sample_answers)
    # Simulate a bank change: a retired question and a choice that no longer exists.
    Answer.objects.create(assessment=assessment, question_key="retired_question", value="yes")
    Answer.objects.filter(assessment=assessment, question_key="mfa_email").update(value="old_choice")
    snapshot = services.assessment_submit(assessment=assessment)
    assert "retired_question" not in snapshot.answers
    assert "mfa_email" not in snapshot.answers
    assert "mfa_email" in snapshot.result["unanswered"]
