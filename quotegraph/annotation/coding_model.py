"""A model that learns a project's concepts and stances from the statements a person coded.

Plain scikit-learn on the CPU: TF-IDF word and character n-grams with linear models, so it
trains in well under a second on a thousand statements and suggests for tens of thousands in
seconds. Two parts:

- the concept model reads the statement's text: its words and, given a sentence encoder
  (``quotegraph.annotation.sentence_vectors``), its sentence vector, which places statements of
  like meaning together when they share no word. Each codebook concept also gives examples of its
  own before anyone codes: its name, description, keywords and example sentences. With fewer than
  two concepts coded by a person, concepts are suggested by similarity to those codebook texts.
  When it suggests for a batch of statements, it first learns once more from its own most
  confident guesses on that batch, weighted well below a person's codes (self-training): the
  statements still to code show which words go together in this project.
- the stance model sees the concept: every text feature appears three times, once shared across
  concepts, once tied to the statement's concept, and once signed by whether the concept is
  worded for or against something ("ban ...", "abolish ..."; ``concept_direction``), so the
  signed copy learns one concept-independent polarity ("harms" speaks against "build dams" and
  for "ban dams") from every concept's codes at once. Beside them, general evaluative-word counts
  (``coding_model_cues``: negation and diminishers such as "reduces" read to the end of the
  clause) shared, per concept and signed the same way; given the encoder, the sentence vector
  shared and signed too. So "sanctions work" can agree with one concept and disagree with
  another.

Labels are whatever the caller codes with (concept ids or names, stance values or labels). The
module knows nothing of the store; ``quotegraph.annotation.coding_suggestions`` feeds it from there.
"""

from __future__ import annotations

import functools
import re
import time
from collections import Counter
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer, strip_accents_unicode
from sklearn.pipeline import FeatureUnion
from sklearn.svm import LinearSVC

from quotegraph.analysis.lexicon import NEGATORS, OPPOSING_WORDS
from quotegraph.annotation.coding_model_cues import among, evaluative_counts

MODEL_KIND = "tfidf-linear-4"
MODEL_KIND_WITH_VECTORS = "tfidf-minilm-5"
# A sentence vector has length 1, as each TF-IDF block has: equal weight beside each of them.
_VECTOR_WEIGHT = 1.0
_TOKEN = re.compile(r"[a-z]+(?:'[a-z]+)?")
_CHAR_NGRAMS = (3, 5)  # character n-gram lengths inside words
# Margin scores of a linear SVM are around -1..1: scaled so a margin of 1 reads as ~0.9.
_SCORE_SCALE = 2.0
# Cosine similarities to the codebook texts (0..1, mostly small) sharpened into confidences.
_SIMILARITY_SCALE = 4.0
# Self-training at suggestion time: the most confident share of a batch is learnt as if coded,
# each guess weighing this much against a person's code, at most this many guesses; not for
# batches smaller than the minimum. It helps while codes are few: from the ceiling of coded
# statements on, the model suggests from the codes alone (and retraining stays fast).
_SELF_TRAINING_SHARE = 0.8
_SELF_TRAINING_WEIGHT = 0.3
_SELF_TRAINING_LIMIT = 1000
_SELF_TRAINING_MIN = 20
_SELF_TRAINING_CODED_CEILING = 1000


@dataclass(frozen=True)
class CodedStatement:
    """A statement a person coded: its text, concept and (if given) stance."""

    text: str
    concept: Hashable
    stance: Hashable | None = None


@dataclass(frozen=True)
class ConceptSeed:
    """What the codebook says about a concept before anyone codes with it."""

    concept: Hashable
    name: str
    description: str = ""
    keywords: tuple[str, ...] = ()
    examples: tuple[str, ...] = ()

    def texts(self) -> list[str]:
        """The codebook texts that stand for this concept, as training examples."""
        texts = [self.name]
        if self.description.strip():
            texts.append(self.description)
        if self.keywords:
            texts.append(" ".join(self.keywords))
        texts.extend(example for example in self.examples if example.strip())
        return texts


@dataclass(frozen=True)
class Suggestion:
    """A suggested concept and stance with the model's confidence in each (0..1)."""

    concept: Hashable | None
    concept_confidence: float
    stance: Hashable | None
    stance_confidence: float


@dataclass(frozen=True)
class TrainingReport:
    examples: int
    stance_examples: int
    concepts: int
    seconds: float
    kind: str = MODEL_KIND  # MODEL_KIND_WITH_VECTORS when it read sentence vectors


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.lower())


@functools.lru_cache(maxsize=200_000)
def _word_ngrams(word: str) -> tuple[str, ...]:
    padded = f" {word} "
    return tuple(
        padded[i : i + n]
        for n in range(_CHAR_NGRAMS[0], _CHAR_NGRAMS[1] + 1)
        for i in range(len(padded) - n + 1)
    )


def char_ngrams(text: str) -> list[str]:
    """Character 3- to 5-grams inside each word padded with spaces (scikit-learn's
    ``char_wb``), each distinct word cut once: words repeat, so this is several times faster."""
    grams: list[str] = []
    for word in strip_accents_unicode(text.lower()).split():
        grams.extend(_word_ngrams(word))
    return grams


def concept_direction(name: str) -> float:
    """-1 when a concept is worded against something ("ban X", "should not ..."), else +1."""
    tokens = _tokens(name)
    against = sum(1 for token in tokens if token in NEGATORS or among(OPPOSING_WORDS, token))
    return -1.0 if against % 2 else 1.0


# Texts in, one unit-length vector per text out (``sentence_vectors.SentenceVectors``).
Encoder = Callable[[Sequence[str]], np.ndarray]


# A feature matrix as side-by-side blocks: sparse word features and dense sentence vectors.
# Models are fitted on the blocks joined; batches are scored block by block (``_times``), since
# joining 20,000 dense rows into one sparse matrix costs more than the scoring itself.
Blocks = list[sp.csr_matrix | np.ndarray]


def _joined(blocks: Blocks) -> sp.csr_matrix:
    return sp.hstack([sp.csr_matrix(block) for block in blocks]).tocsr()


def _times(blocks: Blocks, right: np.ndarray | sp.csr_matrix) -> np.ndarray:
    """``_joined(blocks) @ right`` as a dense array, without joining the blocks."""
    product = np.zeros((blocks[0].shape[0], right.shape[1]))
    start = 0
    for block in blocks:
        width = block.shape[1]
        part = block @ right[start : start + width]
        product += part.toarray() if sp.issparse(part) else part
        start += width
    return product


def _decision(classifier: LinearSVC, blocks: Blocks) -> np.ndarray:
    """``classifier.decision_function`` of the joined blocks (one column for two classes)."""
    scores = _times(blocks, classifier.coef_.T) + classifier.intercept_
    return scores.ravel() if scores.shape[1] == 1 else scores


def _text_features() -> FeatureUnion:
    return FeatureUnion(
        [
            (
                # English function words name no topic; without them the word pairs that are
                # left ("open source", "term limits") carry the concept.
                "words",
                TfidfVectorizer(
                    ngram_range=(1, 2),
                    sublinear_tf=True,
                    strip_accents="unicode",
                    stop_words="english",
                ),
            ),
            (
                "chars",
                TfidfVectorizer(analyzer=char_ngrams, sublinear_tf=True),
            ),
        ]
    )


def _probabilities(scores: np.ndarray) -> np.ndarray:
    """A linear model's decision scores as a distribution over its classes (rows sum to 1).

    Two classes give one score column (positive = the second class)."""
    if scores.ndim == 1:
        scores = np.column_stack([-scores, scores])
    return _softmax_rows(scores * _SCORE_SCALE)


def _softmax_rows(scores: np.ndarray) -> np.ndarray:
    scores = scores - scores.max(axis=1, keepdims=True)
    exp = np.exp(scores)
    return exp / exp.sum(axis=1, keepdims=True)


@dataclass
class CodingModel:
    """A trained concept and stance model; ``version`` names it in every suggestion it makes."""

    version: str
    report: TrainingReport
    _concepts: list[Hashable] = field(repr=False)
    _concept_features: FeatureUnion = field(repr=False)
    _concept_classifier: LinearSVC | None = field(repr=False)
    _seed_matrix: sp.csr_matrix | None = field(repr=False)
    _seed_owner: np.ndarray | None = field(repr=False)
    # The concept classifier's training rows (features, concept index), for self-training.
    _concept_training: tuple[sp.csr_matrix, np.ndarray] | None = field(repr=False)
    _directions: dict[Hashable, float] = field(repr=False)
    _stance_features: TfidfVectorizer | None = field(repr=False)
    _stance_classifier: LinearSVC | None = field(repr=False)
    _only_stance: Hashable | None = field(repr=False)
    # scikit-learn's class labels (see _key) back to the caller's stance labels.
    _stance_labels: dict[str, Hashable] = field(repr=False, default_factory=dict)
    _encode: Encoder | None = field(repr=False, default=None)

    @classmethod
    def train(
        cls,
        coded: Sequence[CodedStatement],
        seeds: Sequence[ConceptSeed] = (),
        *,
        version: str = "",
        encode: Encoder | None = None,
    ) -> CodingModel:
        """Learn from what a person coded and from the codebook's own texts; with ``encode``
        (texts to sentence vectors) the concept model reads their meaning as well as their words.

        Raises ``ValueError`` when there is nothing to learn from (no coded statement and no
        concept in the codebook).
        """
        began = time.perf_counter()
        seed_texts = [(text, seed.concept) for seed in seeds for text in seed.texts()]
        if not coded and not seed_texts:
            raise ValueError("nothing to learn from: code a statement or add a concept first")
        concepts = list(
            dict.fromkeys([seed.concept for seed in seeds] + [c.concept for c in coded])
        )
        texts = [c.text for c in coded] + [text for text, _ in seed_texts]
        labels = [c.concept for c in coded] + [concept for _, concept in seed_texts]
        features = _text_features().fit(texts)
        vectors = encode(texts) if encode is not None else None
        matrix = _joined(_concept_blocks(features, texts, vectors))
        coded_concepts = {c.concept for c in coded}
        classifier = seed_matrix = seed_owner = concept_training = None
        if len(coded_concepts) >= 2:
            targets = np.array(_label_index(labels, concepts))
            classifier = _concept_classifier().fit(matrix, targets)
            concept_training = (matrix, targets)
        else:
            seed_matrix = matrix
            seed_owner = np.array(_label_index(labels, concepts))

        names = {seed.concept: seed.name for seed in seeds}
        directions = {
            concept: concept_direction(str(names.get(concept, concept))) for concept in concepts
        }
        with_stance = [c for c in coded if c.stance is not None]
        stance_features = stance_classifier = only_stance = None
        stance_labels: dict[str, Hashable] = {}
        stances = {c.stance for c in with_stance}
        if len(stances) >= 2:
            stance_features = TfidfVectorizer(sublinear_tf=True, strip_accents="unicode").fit(
                [c.text for c in with_stance]
            )
            model_concepts = concepts
            stance_texts = [c.text for c in with_stance]
            stance_blocks = _stance_blocks(
                stance_features,
                stance_texts,
                [c.concept for c in with_stance],
                model_concepts,
                directions,
                # The coded statements' vectors come first in ``vectors``.
                vectors[[i for i, c in enumerate(coded) if c.stance is not None]]
                if vectors is not None
                else None,
            )
            stance_classifier = LinearSVC(C=2.0, class_weight="balanced")
            stance_classifier.fit(_joined(stance_blocks), [_key(c.stance) for c in with_stance])
            stance_labels = {_key(c.stance): c.stance for c in with_stance}
        elif len(stances) == 1:
            only_stance = next(iter(stances))
        report = TrainingReport(
            examples=len(coded),
            stance_examples=len(with_stance),
            concepts=len(concepts),
            seconds=time.perf_counter() - began,
            kind=MODEL_KIND if encode is None else MODEL_KIND_WITH_VECTORS,
        )
        return cls(
            version=version or f"{report.kind}/{len(coded)}",
            report=report,
            _concepts=concepts,
            _concept_features=features,
            _concept_classifier=classifier,
            _seed_matrix=seed_matrix,
            _seed_owner=seed_owner,
            _concept_training=concept_training,
            _directions=directions,
            _stance_features=stance_features,
            _stance_classifier=stance_classifier,
            _only_stance=only_stance,
            _stance_labels=stance_labels,
            _encode=encode,
        )

    def suggest(
        self, texts: Sequence[str], concepts: Sequence[Hashable | None] | None = None
    ) -> list[Suggestion]:
        """A suggestion for each text; the stance is for ``concepts[i]`` when given, else for
        the suggested concept."""
        if not texts:
            return []
        # One lookup of the sentence vectors serves the concept and the stance model.
        vectors = self._encode(list(texts)) if self._encode is not None else None
        blocks = _concept_blocks(self._concept_features, texts, vectors)
        if self._concept_classifier is not None:
            classifier = self._concept_classifier
            probabilities = _probabilities(_decision(classifier, blocks))
            if self._self_trains(len(texts)):
                classifier = self._self_trained(blocks, probabilities)
                probabilities = _probabilities(_decision(classifier, blocks))
            columns = [self._concepts[i] for i in classifier.classes_]
        else:
            similarity = _times(blocks, self._seed_matrix.T.tocsr())
            best = np.zeros((len(texts), len(self._concepts)))
            for column, owner in enumerate(self._seed_owner):
                best[:, owner] = np.maximum(best[:, owner], similarity[:, column])
            # Similarities are small numbers: sharpen them into a distribution.
            probabilities = _softmax_rows(best * _SIMILARITY_SCALE)
            columns = list(self._concepts)
        top = probabilities.argmax(axis=1)
        suggested = [columns[i] for i in top]
        confidence = probabilities[np.arange(len(texts)), top]
        stance_for = [
            given if given is not None else guess
            for given, guess in zip(concepts or [None] * len(texts), suggested, strict=True)
        ]
        stances: list[Hashable | None] = [self._only_stance] * len(texts)
        stance_confidence = np.full(len(texts), 0.5 if self._only_stance is not None else 0.0)
        if self._stance_classifier is not None:
            stance_blocks = _stance_blocks(
                self._stance_features,
                texts,
                stance_for,
                self._concepts,
                self._directions,
                vectors,
            )
            stance_probabilities = _probabilities(_decision(self._stance_classifier, stance_blocks))
            best_stance = stance_probabilities.argmax(axis=1)
            labels = self._stance_labels
            classes = self._stance_classifier.classes_
            stances = [labels[classes[i]] for i in best_stance]
            stance_confidence = stance_probabilities[np.arange(len(texts)), best_stance]
        return [
            Suggestion(
                concept=suggested[i],
                concept_confidence=float(confidence[i]),
                stance=stances[i],
                stance_confidence=float(stance_confidence[i]),
            )
            for i in range(len(texts))
        ]

    def _self_trains(self, batch: int) -> bool:
        return (
            self._concept_training is not None
            and batch >= _SELF_TRAINING_MIN
            and self.report.examples < _SELF_TRAINING_CODED_CEILING
        )

    def _self_trained(self, blocks: Blocks, probabilities: np.ndarray) -> LinearSVC:
        """The concept classifier retrained with its most confident guesses on the batch
        (``blocks``) added, each weighing ``_SELF_TRAINING_WEIGHT`` of a person's code."""
        coded_matrix, targets = self._concept_training
        confidence = probabilities.max(axis=1)
        count = min(int(len(confidence) * _SELF_TRAINING_SHARE), _SELF_TRAINING_LIMIT)
        confident = np.argsort(-confidence, kind="stable")[:count]
        guesses = self._concept_classifier.classes_[probabilities[confident].argmax(axis=1)]
        # Classes weighed as in the model itself, by the person's codes: guesses add no weight.
        classes = np.unique(targets)
        balance = len(targets) / (len(classes) * np.bincount(targets)[classes])
        class_weight = dict(zip(classes.tolist(), balance.tolist(), strict=True))
        return _concept_classifier(class_weight).fit(
            sp.vstack([coded_matrix, _joined([block[confident] for block in blocks])]).tocsr(),
            np.concatenate([targets, guesses]),
            sample_weight=np.concatenate(
                [np.ones(len(targets)), np.full(count, _SELF_TRAINING_WEIGHT)]
            ),
        )


def _concept_blocks(
    features: FeatureUnion, texts: Sequence[str], vectors: np.ndarray | None
) -> Blocks:
    """The concept model's features of ``texts``: words, and their sentence ``vectors`` when
    given."""
    words = features.transform(list(texts)).tocsr()
    if vectors is None:
        return [words]
    return [words, np.asarray(vectors, dtype=np.float64) * _VECTOR_WEIGHT]


def _concept_classifier(class_weight: dict[int, float] | str = "balanced") -> LinearSVC:
    """A linear SVM over concepts, each class weighed inversely to how often it was coded."""
    return LinearSVC(C=1.0, class_weight=class_weight)


def _key(label: Hashable) -> str:
    # scikit-learn wants one label type; the original labels are mapped back after predicting.
    return f"{type(label).__name__}:{label}"


def _label_index(labels: Sequence[Hashable], concepts: list[Hashable]) -> list[int]:
    index = {concept: i for i, concept in enumerate(concepts)}
    return [index[label] for label in labels]


def _stance_blocks(
    features: TfidfVectorizer,
    texts: Sequence[str],
    concepts: Sequence[Hashable],
    known: list[Hashable],
    directions: dict[Hashable, float],
    vectors: np.ndarray | None = None,
) -> Blocks:
    """Shared text features, the same features in the concept's own block and signed by the
    concept's direction (one polarity learnt across concepts), evaluative counts shared, per
    concept (polarity, positive and negative apart) and signed the same way; sentence
    ``vectors`` (when given) shared and signed."""
    shared = features.transform(list(texts)).tocsr()
    width = shared.shape[1]
    slot = {concept: i for i, concept in enumerate(known)}
    n = len(texts)
    owner = np.array([slot.get(concept, -1) for concept in concepts])
    counts = np.array([evaluative_counts(text) for text in texts]).reshape(n, 2)
    positive, negative = np.log1p(counts[:, 0]), np.log1p(counts[:, 1])
    polarity = positive - negative
    direction = np.array([directions.get(concept, 1.0) for concept in concepts])
    # Per-concept copy of the text features (absent for a concept the model never saw).
    rows_per = np.diff(shared.indptr)
    keep = np.repeat(owner >= 0, rows_per)
    row_index = np.repeat(np.arange(n), rows_per)[keep]
    column_index = (shared.indices + np.repeat(owner, rows_per) * width)[keep]
    crossed = sp.csr_matrix(
        (shared.data[keep], (row_index, column_index)), shape=(n, width * len(known))
    )
    known_rows = np.flatnonzero(owner >= 0)

    def by_concept(values: np.ndarray) -> sp.csr_matrix:
        """``values`` in the column of each row's concept (nothing for an unknown concept)."""
        return sp.csr_matrix(
            (values[known_rows], (known_rows, owner[known_rows])), shape=(n, len(known))
        )

    general = sp.csr_matrix(np.column_stack([polarity, polarity * direction, positive, negative]))
    signed = sp.diags(direction) @ shared
    evaluative_by_concept = [by_concept(values) for values in (polarity, positive, negative)]
    words = sp.hstack(
        [shared, crossed, signed, by_concept(np.ones(n)), *evaluative_by_concept, general]
    ).tocsr()
    if vectors is None:
        return [words]
    weighted = np.asarray(vectors, dtype=np.float64) * _VECTOR_WEIGHT
    return [words, weighted, weighted * direction[:, None]]


def majority(labels: Sequence[Hashable]) -> Hashable | None:
    """The most frequent label (the first seen among equals), None for no labels."""
    if not labels:
        return None
    counts = Counter(labels)
    top = max(counts.values())
    return next(label for label in labels if counts[label] == top)
