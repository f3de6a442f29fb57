"""Generator of synthetic activis bundles with planted, documented structure.

This is plainly a generator, not a model: labels, texts, predictions, scores and
activations are drawn from simple distributions chosen so that a user (or a test)
knows what the activis shell ought to find. Everything is streamed in chunks of
rows, so bundles far larger than memory can be written. The manifest is written
last: a bundle without ``activis.json`` is an interrupted run.

Planted structure (see ``PLANTED_DOC``, also printed by ``make-bundle --help``).
"""

from __future__ import annotations

import csv
import json
import math
import re
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import numpy as np

from npy_stream import NpyStreamWriter

TREC_CLASSES = ["ABBR", "DESC", "ENTY", "HUM", "LOC", "NUM"]
# Class sizes of the TREC test split (500 questions), used as default class weights.
TREC_WEIGHTS = {"ABBR": 9, "DESC": 138, "ENTY": 94, "HUM": 65, "LOC": 81, "NUM": 113}
DTYPES = {"float16": "<f2", "float32": "<f4", "float64": "<f8"}
SOURCES = ["wiki", "news", "forum", "exam"]
SOURCE_WEIGHTS = [0.4, 0.25, 0.2, 0.15]
WHAT_IS = "What is"
CHUNK_BYTES = 32 << 20  # target size of one layer chunk in memory
MAX_CHUNK_ROWS = 8192

PLANTED_DOC = """\
Planted structure (a generator, not a model):
  labels      drawn with the TREC test-split class proportions for the default
              classes, uniformly otherwise.
  text        question-like sentences from per-class templates ("How many ...",
              "What is ...", "Who was ...", "Where is ..."); some contain "golf",
              quotes, commas and non-ASCII letters; a few end with "." not "?".
  predicted   equals the label, except (a) a random --error-rate fraction is
              predicted as another class, and (b) NUM instances whose text starts
              "What is" are predicted DESC with probability --what-is-confusion.
  scores      score:<class> = softmax(logits), where the predicted class has the
              largest logit by a margin of at least 0.5, so argmax = predicted.
  activations hidden layer (neurons != number of classes): neuron j is
              bias_j + scale_j * N(0,1); neuron k (k < classes) adds +strength
              for instances whose TRUE label is class k; neuron C (C = number of
              classes) adds +strength for texts starting "What is"; misclassified
              instances also add +strength/2 on the neuron of their PREDICTED class.
              Output layer (neurons == number of classes): the logits themselves;
              its neurons are named after the classes.
  attributes  length = number of words of the text (numeric);
              source in {wiki, news, forum, exam} (categorical; --missing-rate
              of them empty = missing).
  graph.json  a small text-CNN graph (embedding, three conv branches, pooling)
              with one operator and one data node per requested layer.
The same seed and options give the same bundle. A JSON summary of all of this
(counts, neuron indices, accuracy) is printed on stdout or written with --truth,
outside the bundle."""

# ---------------------------------------------------------------------------
# Layer and bundle specifications


@dataclass
class LayerSpec:
    """One recorded layer: name, trailing shape, dtype name and number of shards."""

    name: str
    dims: tuple[int, ...]
    dtype: str = "float32"
    shards: int = 1

    @property
    def neurons(self) -> int:
        """Number of neurons D (product of the trailing dimensions)."""
        return math.prod(self.dims)


def parse_layer_spec(text: str, dtype: str = "float32", shards: int = 1) -> LayerSpec:
    """Parse ``NAME:DIMS[:DTYPE[:SHARDS]]``, e.g. ``concat:300``, ``conv:4x8:float16:3``."""
    parts = text.split(":")
    if len(parts) < 2 or len(parts) > 4 or not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_.-]*", parts[0]):
        raise ValueError(f"bad layer spec {text!r}: expected NAME:DIMS[:DTYPE[:SHARDS]]")
    try:
        dims = tuple(int(d) for d in parts[1].lower().split("x"))
    except ValueError:
        raise ValueError(f"bad dimensions in layer spec {text!r}") from None
    if any(d <= 0 for d in dims):
        raise ValueError(f"dimensions must be positive in {text!r}")
    if len(parts) > 2:
        dtype = parts[2]
    if dtype not in DTYPES:
        raise ValueError(f"bad dtype {dtype!r} in {text!r}: one of {', '.join(DTYPES)}")
    if len(parts) > 3:
        shards = int(parts[3])
    if shards < 1:
        raise ValueError(f"shards must be >= 1 in {text!r}")
    return LayerSpec(parts[0], dims, dtype, shards)


@dataclass
class BundleSpec:
    """Everything that determines a generated bundle."""

    out: Path
    instances: int = 500
    layers: list[LayerSpec] = field(default_factory=lambda: [LayerSpec("concat", (300,)), LayerSpec("fc", (6,))])
    classes: list[str] = field(default_factory=lambda: list(TREC_CLASSES))
    seed: int = 0
    text: bool = True
    attributes: bool = True
    scores: bool = True
    graph: bool = True
    id_start: int = 0
    npy_version: int = 1
    error_rate: float = 0.08
    what_is_confusion: float = 0.6
    missing_rate: float = 0.0
    strength: float = 2.0
    score_digits: int = 0
    name: str = "synthetic-trec"
    description: str = "synthetic bundle from scripts/make-bundle (a generator, not a model)"

    def validate(self) -> None:
        """Raise ValueError on inconsistent options."""
        if self.instances < 0:
            raise ValueError("--instances must be >= 0")
        if len(self.classes) < 2 or len(set(self.classes)) != len(self.classes):
            raise ValueError("need at least two distinct classes")
        if not self.layers:
            raise ValueError("need at least one layer")
        names = [layer.name for layer in self.layers]
        if len(set(names)) != len(names):
            raise ValueError("layer names must be unique")
        if not 0 <= self.score_digits <= 17:
            raise ValueError("--score-digits must lie in 0 .. 17")
        for rate in (self.error_rate, self.what_is_confusion, self.missing_rate):
            if not 0.0 <= rate <= 1.0:
                raise ValueError("rates must lie in [0, 1]")

    def chunk_rows(self) -> int:
        """Rows per chunk: bounded so that one chunk of the widest layer stays small."""
        widest = max(layer.neurons * 8 for layer in self.layers)
        return max(64, min(MAX_CHUNK_ROWS, CHUNK_BYTES // widest))


# ---------------------------------------------------------------------------
# Text

VOCAB = {
    "abbr": ["NASA", "UNESCO", "CPU", "DNA", "FBI", "HTML", "NATO", "scuba", "radar"],
    "org": ["the United Nations", "the World Health Organization", "the European Union",
            "the Royal and Ancient Golf Club"],
    "concept": ["a quasar", "photosynthesis", "the Gulf Stream", "a handicap in golf",
                "inflation", "a haiku", "the Doppler effect"],
    "word": ["saudade", "déjà vu", "schadenfreude", "hygge", "bogey", "Zeitgeist"],
    "device": ["a thermostat", "a jet engine", "a barometer", "a golf cart", "a compass"],
    "plural": ["bees", "cats", "stars", "leaves", "golf balls", "volcanoes"],
    "verb": ["buzz", "purr", "twinkle", "fall", "have dimples", "erupt"],
    "sport": ["golf", "cricket", "tennis", "chess", "curling", "polo"],
    "kind": ["wood", "fabric", "ball", "tool", "shoe"],
    "animal": ["penguin", "koala", "camel", "lynx"],
    "place": ["Zürich", "Paris", "Mount Everest", "the Sahara", "Lake Titicaca", "São Paulo",
              "New York", "Tokyo", "Kraków", "St Andrews"],
    "person": ["Albert Einstein", "Marie Curie", "Ada Lovelace", "Nelson Mandela",
               "Frida Kahlo", "Jorge Luis Borges", "Old Tom Morris"],
    "role": ["mayor", "president", "king", "captain"],
    "year": [str(y) for y in range(1950, 2021, 7)],
}

TEMPLATES = {
    "ABBR": ["What does {abbr} stand for?", "What is the abbreviation for {org}?",
             "What is {abbr} short for?"],
    "DESC": ["What is {concept}?", 'What is the meaning of "{word}"?', "How does {device} work?",
             "Why do {plural} {verb}?", "What is the origin of {sport}?"],
    "ENTY": ["What {kind} is used in {sport}?", "Name a {kind} used in {sport}.",
             "Which {animal} lives near {place}?", "What is the best {kind} for {sport}?"],
    "HUM": ["Who was {person}?", "Who is the {role} of {place}?", "Who invented {device}?",
            "Who won the {year} {sport} championship?", "Name the {role} of {place}."],
    "LOC": ["Where is {place}?", "Where was {person} born?", "What country is {place} in?",
            "Where can you play {sport} near {place}?"],
    "NUM": ["How many {plural} are there in {place}?", "What is the population of {place}?",
            "When did {person} die?", "How far is {place} from {place2}?",
            "What is the average price of {device}, in dollars?", "How long is a {sport} match?"],
}
GENERIC_TEMPLATES = ["What is {concept}?", "Where is {place}?", "Who was {person}?",
                     "How many {plural} are there in {place}?", "Name a {kind} used in {sport}."]
SLOT = re.compile(r"\{(\w+)\}")


def templates_for(label: str) -> list[str]:
    """Templates of a class; classes outside TREC use a generic mix."""
    return TEMPLATES.get(label, GENERIC_TEMPLATES)


def fill_template(template: str, rng: np.random.Generator) -> str:
    """Fill every ``{slot}`` of a template with a random word of its vocabulary."""
    def pick(match: re.Match) -> str:
        words = VOCAB[match.group(1).rstrip("2")]
        return words[int(rng.integers(len(words)))]
    return SLOT.sub(pick, template)


def make_texts(labels: np.ndarray, classes: list[str], rng: np.random.Generator) -> list[str]:
    """One question-like sentence per instance, from its class's templates."""
    texts = []
    for label in labels:
        options = templates_for(classes[label])
        texts.append(fill_template(options[int(rng.integers(len(options)))], rng))
    return texts


# ---------------------------------------------------------------------------
# Instances


@dataclass
class InstanceChunk:
    """Generated columns for a run of consecutive instances."""

    ids: np.ndarray
    labels: np.ndarray
    predicted: np.ndarray
    logits: np.ndarray
    texts: list[str] | None
    what_is: np.ndarray
    length: np.ndarray
    source: list[str]

    @property
    def scores(self) -> np.ndarray:
        """Softmax of the logits, one row per instance."""
        shifted = self.logits - self.logits.max(axis=1, keepdims=True)
        exp = np.exp(shifted)
        return exp / exp.sum(axis=1, keepdims=True)


def class_weights(classes: list[str]) -> np.ndarray:
    """Sampling probabilities: TREC proportions for the TREC classes, else uniform."""
    if set(classes) == set(TREC_CLASSES):
        weights = np.array([TREC_WEIGHTS[c] for c in classes], dtype=float)
    else:
        weights = np.ones(len(classes))
    return weights / weights.sum()


def make_predictions(spec: BundleSpec, labels, what_is, rng) -> np.ndarray:
    """Predicted classes: labels with random errors and the planted NUM->DESC confusion."""
    n, c = len(labels), len(spec.classes)
    predicted = labels.copy()
    wrong = rng.random(n) < spec.error_rate
    predicted[wrong] = (labels[wrong] + rng.integers(1, c, size=int(wrong.sum()))) % c
    if "NUM" in spec.classes and "DESC" in spec.classes:
        num, desc = spec.classes.index("NUM"), spec.classes.index("DESC")
        confused = (labels == num) & what_is & (rng.random(n) < spec.what_is_confusion)
        predicted[confused] = desc
    return predicted


def make_logits(predicted: np.ndarray, c: int, rng: np.random.Generator) -> np.ndarray:
    """Logits whose argmax is the prediction, by a margin of at least 0.5."""
    n = len(predicted)
    logits = rng.normal(0.0, 1.0, size=(n, c))
    rows = np.arange(n)
    logits[rows, predicted] = -np.inf
    best_other = logits.max(axis=1)
    logits[rows, predicted] = best_other + 0.5 + rng.exponential(1.5, size=n)
    return logits


def make_instances(spec: BundleSpec, start: int, n: int, rng: np.random.Generator) -> InstanceChunk:
    """Generate instances ``start .. start+n-1``."""
    c = len(spec.classes)
    labels = rng.choice(c, size=n, p=class_weights(spec.classes))
    texts = make_texts(labels, spec.classes, rng) if spec.text else None
    what_is = np.array([t.startswith(WHAT_IS) for t in texts], dtype=bool) if texts else np.zeros(n, bool)
    predicted = make_predictions(spec, labels, what_is, rng)
    logits = make_logits(predicted, c, rng)
    if texts:
        length = np.array([len(t.split()) for t in texts])
    else:
        length = rng.integers(3, 15, size=n)
    source = list(np.array(SOURCES)[rng.choice(len(SOURCES), size=n, p=SOURCE_WEIGHTS)])
    missing = rng.random(n) < spec.missing_rate
    source = ["" if m else s for s, m in zip(source, missing)]
    ids = np.arange(start, start + n) + spec.id_start
    return InstanceChunk(ids, labels, predicted, logits, texts, what_is, length, source)


def instance_header(spec: BundleSpec) -> list[str]:
    """Column names of instances.csv."""
    header = ["id"] + (["text"] if spec.text else []) + ["label", "predicted"]
    if spec.scores:
        header += [f"score:{c}" for c in spec.classes]
    if spec.attributes:
        header += ["length", "source"]
    return header


def instance_rows(spec: BundleSpec, chunk: InstanceChunk):
    """CSV rows of a chunk, in ``instance_header`` order."""
    classes = spec.classes
    scores = chunk.scores if spec.scores else None
    score_format = f"%.{spec.score_digits}g" if spec.score_digits > 0 else "%.6f"
    for i in range(len(chunk.ids)):
        row = [str(chunk.ids[i])]
        if spec.text:
            row.append(chunk.texts[i])
        row += [classes[chunk.labels[i]], classes[chunk.predicted[i]]]
        if scores is not None:
            row += [score_format % s for s in scores[i]]
        if spec.attributes:
            row += [str(chunk.length[i]), chunk.source[i]]
        yield row


# ---------------------------------------------------------------------------
# Activations


def is_output_layer(spec: BundleSpec, layer: LayerSpec) -> bool:
    """A layer with exactly one neuron per class holds the logits."""
    return layer.neurons == len(spec.classes)


def layer_parameters(spec: BundleSpec, index: int, layer: LayerSpec):
    """Per-neuron bias and noise scale of a hidden layer (fixed by seed and layer index)."""
    rng = np.random.default_rng([spec.seed, 1_000_003, index])
    bias = rng.uniform(-0.2, 0.2, size=layer.neurons)
    scale = rng.uniform(0.3, 0.7, size=layer.neurons)
    return bias, scale


def hidden_activations(spec, layer, params, chunk: InstanceChunk, rng) -> np.ndarray:
    """Activations of a hidden layer for one chunk, in the layer's dtype precision."""
    bias, scale = params
    work = np.float64 if layer.dtype == "float64" else np.float32
    n, d, c = len(chunk.ids), layer.neurons, len(spec.classes)
    values = rng.standard_normal(size=(n, d), dtype=work)
    values *= scale.astype(work)
    values += bias.astype(work)
    rows = np.arange(n)
    class_rows = chunk.labels < d
    values[rows[class_rows], chunk.labels[class_rows]] += spec.strength
    if c < d:
        values[chunk.what_is, c] += spec.strength
    wrong = (chunk.predicted != chunk.labels) & (chunk.predicted < d)
    values[rows[wrong], chunk.predicted[wrong]] += spec.strength / 2
    return values


def layer_chunk(spec, index, layer, params, chunk, rng) -> np.ndarray:
    """The chunk of one layer, shaped ``(n, *dims)``."""
    if is_output_layer(spec, layer):
        values = chunk.logits
    else:
        values = hidden_activations(spec, layer, params, chunk, rng)
    return values.reshape((len(chunk.ids),) + layer.dims)


def shard_sizes(rows: int, shards: int) -> list[int]:
    """Rows of each shard: nearly equal, the first shards one row larger."""
    base, extra = divmod(rows, shards)
    return [base + (1 if i < extra else 0) for i in range(shards)]


def layer_files(layer: LayerSpec) -> list[str]:
    """Relative paths of a layer's shard files."""
    if layer.shards == 1:
        return [f"activations/{layer.name}.npy"]
    return [f"activations/{layer.name}.{i:03d}.npy" for i in range(layer.shards)]


class ShardedWriter:
    """Writes a layer's rows across its shard files in order."""

    def __init__(self, root: Path, spec: BundleSpec, layer: LayerSpec):
        self.root, self.spec, self.layer = root, spec, layer
        self.sizes = shard_sizes(spec.instances, layer.shards)
        self.paths = [root / f for f in layer_files(layer)]
        self.index = 0
        self.writer = self._open(0)

    def _open(self, i: int) -> NpyStreamWriter:
        shape = (self.sizes[i],) + self.layer.dims
        return NpyStreamWriter(self.paths[i], DTYPES[self.layer.dtype], shape, self.spec.npy_version)

    def write(self, values: np.ndarray) -> None:
        """Append rows, moving on to the next shard when the current one is full."""
        while len(values):
            room = self.sizes[self.index] - self.writer.rows_written
            if room == 0:
                self.writer.close()
                self.index += 1
                self.writer = self._open(self.index)
                continue
            self.writer.write(values[:room])
            values = values[room:]

    def close(self) -> None:
        """Close the last shard and open (empty) any shards still unwritten."""
        self.writer.close()
        for i in range(self.index + 1, len(self.sizes)):
            self._open(i).close()


# ---------------------------------------------------------------------------
# Graph and manifest

def graph_node_for(layer: LayerSpec) -> str:
    """Id of the graph data node a layer is tied to."""
    return {"concat": "cat_1", "fc": "fc_out"}.get(layer.name, f"{layer.name}_out")


def make_graph(spec: BundleSpec) -> dict:
    """A plausible text-CNN computation graph ending in the requested layers."""
    nodes = [
        {"id": "tokens", "kind": "data", "shape": [None, 37]},
        {"id": "embed", "kind": "operator", "op": "Embedding", "inputs": ["tokens"],
         "outputs": ["embed_out"], "group": "encoder", "attrs": {"vocab": 8982, "dim": 300}},
        {"id": "embed_out", "kind": "data", "shape": [None, 37, 300], "group": "encoder"},
    ]
    pooled = []
    for width in (3, 4, 5):
        group = f"encoder/conv{width}"
        nodes += [
            {"id": f"conv{width}", "kind": "operator", "op": "Conv1d", "inputs": ["embed_out"],
             "outputs": [f"conv{width}_out"], "group": group, "attrs": {"kernel": width, "channels": 100}},
            {"id": f"conv{width}_out", "kind": "data", "shape": [None, 100, 38 - width], "group": group},
            {"id": f"relu{width}", "kind": "operator", "op": "ReLU", "inputs": [f"conv{width}_out"],
             "outputs": [f"relu{width}_out"], "group": group},
            {"id": f"relu{width}_out", "kind": "data", "shape": [None, 100, 38 - width], "group": group},
            {"id": f"pool{width}", "kind": "operator", "op": "MaxPool1d", "inputs": [f"relu{width}_out"],
             "outputs": [f"pool{width}_out"], "group": group},
            {"id": f"pool{width}_out", "kind": "data", "shape": [None, 100], "group": group},
        ]
        pooled.append(f"pool{width}_out")
    previous = pooled
    for i, layer in enumerate(spec.layers):
        op, group = ("Concat", "encoder") if i == 0 else ("Linear", "classifier")
        data = graph_node_for(layer)
        nodes += [
            {"id": f"{layer.name}_op", "kind": "operator", "op": op, "inputs": previous,
             "outputs": [data], "group": group},
            {"id": data, "kind": "data", "shape": [None, *layer.dims], "group": group},
        ]
        previous = [data]
    nodes += [
        {"id": "softmax", "kind": "operator", "op": "Softmax", "inputs": previous,
         "outputs": ["probs"], "group": "classifier"},
        {"id": "probs", "kind": "data", "shape": [None, len(spec.classes)], "group": "classifier"},
    ]
    return {"nodes": nodes}


def manifest_layer(spec: BundleSpec, layer: LayerSpec) -> dict:
    """The manifest entry of one layer."""
    entry: dict = {"name": layer.name}
    if spec.graph:
        entry["node"] = graph_node_for(layer)
    files = layer_files(layer)
    if layer.shards == 1:
        entry["file"] = files[0]
    else:
        entry["files"] = files
    if is_output_layer(spec, layer) and len(layer.dims) == 1:
        entry["neurons"] = list(spec.classes)
    return entry


def make_manifest(spec: BundleSpec) -> dict:
    """The contents of activis.json."""
    manifest = {"format": "activis-bundle", "version": 1, "name": spec.name,
                "description": spec.description, "classes": list(spec.classes),
                "instances": "instances.csv"}
    if spec.graph:
        manifest["graph"] = "graph.json"
    manifest["layers"] = [manifest_layer(spec, layer) for layer in spec.layers]
    return manifest


# ---------------------------------------------------------------------------
# Truth summary


@dataclass
class Tally:
    """Running counts gathered while generating, for the truth summary."""

    classes: int
    class_counts: np.ndarray = None
    correct: int = 0
    what_is: int = 0
    num_what_is: int = 0
    num_as_desc: int = 0

    def __post_init__(self):
        self.class_counts = np.zeros(self.classes, dtype=np.int64)

    def add(self, spec: BundleSpec, chunk: InstanceChunk) -> None:
        """Count one chunk."""
        self.class_counts += np.bincount(chunk.labels, minlength=self.classes)
        self.correct += int((chunk.labels == chunk.predicted).sum())
        self.what_is += int(chunk.what_is.sum())
        if "NUM" in spec.classes and "DESC" in spec.classes:
            num = chunk.labels == spec.classes.index("NUM")
            self.num_what_is += int((num & chunk.what_is).sum())
            self.num_as_desc += int((num & chunk.what_is & (chunk.predicted == spec.classes.index("DESC"))).sum())


def truth_summary(spec: BundleSpec, tally: Tally) -> dict:
    """The planted structure and the counts actually generated, as JSON-ready data."""
    c = len(spec.classes)
    layers = []
    for layer in spec.layers:
        entry = {"name": layer.name, "shape": [spec.instances, *layer.dims], "dtype": layer.dtype,
                 "files": layer_files(layer), "shard_rows": shard_sizes(spec.instances, layer.shards)}
        if is_output_layer(spec, layer):
            entry["role"] = "output: neuron k is the logit of class k"
        else:
            entry["role"] = "hidden"
            entry["class_neurons"] = {spec.classes[k]: k for k in range(min(c, layer.neurons))}
            entry["what_is_neuron"] = c if c < layer.neurons else None
            entry["strength"] = spec.strength
        layers.append(entry)
    return {
        "generator": "scripts/make-bundle (synthetic; not a model)",
        "bundle": str(spec.out), "seed": spec.seed, "instances": spec.instances,
        "id_start": spec.id_start, "classes": spec.classes,
        "class_counts": dict(zip(spec.classes, tally.class_counts.tolist())),
        "accuracy": tally.correct / spec.instances if spec.instances else None,
        "error_rate": spec.error_rate,
        "texts_starting_what_is": tally.what_is,
        "num_what_is": tally.num_what_is,
        "num_what_is_predicted_desc": tally.num_as_desc,
        "what_is_confusion": spec.what_is_confusion,
        "missing_rate": spec.missing_rate,
        "layers": layers,
        "planted": PLANTED_DOC,
    }


# ---------------------------------------------------------------------------
# Driver


def prepare_directory(out: Path, force: bool) -> None:
    """Create the bundle directory; an existing one must be empty, or with ``force`` a bundle."""
    if out.exists() and any(out.iterdir()):
        if not force:
            raise FileExistsError(f"{out} exists and is not empty (use --force to replace a bundle)")
        if not ((out / "activis.json").exists() or (out / "instances.csv").exists()):
            raise FileExistsError(f"{out} does not look like a bundle; not replacing it")
        shutil.rmtree(out)
    (out / "activations").mkdir(parents=True, exist_ok=True)


def generate(spec: BundleSpec, force: bool = False, progress: Callable[[str], None] | None = None) -> dict:
    """Write the bundle described by ``spec``; return the truth summary."""
    spec.validate()
    out = Path(spec.out)
    prepare_directory(out, force)
    if spec.graph:
        (out / "graph.json").write_text(json.dumps(make_graph(spec), indent=1) + "\n")
    params = [None if is_output_layer(spec, layer) else layer_parameters(spec, i, layer)
              for i, layer in enumerate(spec.layers)]
    writers = [ShardedWriter(out, spec, layer) for layer in spec.layers]
    tally = Tally(len(spec.classes))
    step = spec.chunk_rows()
    with open(out / "instances.csv", "w", newline="", encoding="utf-8") as f:
        table = csv.writer(f)
        table.writerow(instance_header(spec))
        for chunk_index, start in enumerate(range(0, spec.instances, step)):
            n = min(step, spec.instances - start)
            chunk = make_instances(spec, start, n, np.random.default_rng([spec.seed, chunk_index]))
            table.writerows(instance_rows(spec, chunk))
            tally.add(spec, chunk)
            for i, (layer, writer) in enumerate(zip(spec.layers, writers)):
                rng = np.random.default_rng([spec.seed, chunk_index, i + 1])
                writer.write(layer_chunk(spec, i, layer, params[i], chunk, rng))
            if progress and (chunk_index % 16 == 15):
                progress(f"{start + n}/{spec.instances} instances")
    for writer in writers:
        writer.close()
    manifest = make_manifest(spec)
    (out / "activis.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n")
    return truth_summary(spec, tally)


def stderr_progress(message: str) -> None:
    """Progress reporter writing to standard error."""
    print(f"make-bundle: {message}", file=sys.stderr, flush=True)
