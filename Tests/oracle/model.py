"""An independent reference model of an activis session, in Python and numpy.

It parses the commands the oracle generates (a subset of the language:
``load``, ``select layer``, ``subset [name =] where P | from FILE``,
``subsets [by F [bins N]]``, ``members``, ``matrix [neurons A..B]``, ``neurons [top N]``,
``add``, ``remove``, ``project pca``, ``color by``, ``save``) and applies them with the
*intended* semantics of docs/language.md and issue 11:

- ``load`` resets everything derived from the previous bundle (subsets, rows,
  layer, colour key).
- A subset's predicate is evaluated once, at definition time (``in X`` is X's
  members then; ``neuron k`` reads the layer selected then, ``neuron k of layer L``
  layer L). Missing values and NaN satisfy no comparison, ``!=`` included.
  Redefining keeps a subset's place. A definition may not grow past 10,000
  conditions once its ``in <subset>`` are expanded.
- ``subsets by`` cuts numeric attributes at the values of rank k·n/bins (a cut
  repeated or at the minimum dropped) and removes the ranges left over from an
  earlier split of the same field.
- Statistics are over finite values, in float64 from float32 activations;
  standard deviation with divisor n.

Commands the model finds invalid raise ``ModelError`` (the generator and the
shrinker use that to keep only valid sequences).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from bundles import BundleData, read_bundle
import analysis_model

# Words a value must be quoted to be (Parser.predicateKeywords + and, or, where).
PREDICATE_KEYWORDS = {"not", "text", "score", "neuron", "correct", "misclassified", "in", "label", "predicted",
                      "id", "and", "or", "where"}
OPERATORS = ["==", "!=", "<>", "<=", ">=", "=", "<", ">"]


# Marks, in a sequence, a command the binary must refuse, leaving the session unchanged.
INVALID = "! "


class ModelError(Exception):
    """The command is invalid in this state (the binary must refuse it too)."""


# ---------------------------------------------------------------------------
# Tokens and predicates

TOKEN = re.compile(r'\s*(?:(?P<string>"(?:[^"\\]|\\.)*")|(?P<op>==|!=|<>|<=|>=|=|<|>|\(|\)|;|\.\.)'
                   r'|(?P<ref>#\d+)|(?P<number>-?(?:\d+(?:\.\d+)?|\.\d+)(?:[eE][+-]?\d+)?(?![A-Za-z_:/]))'
                   r'|(?P<word>[A-Za-z_\x80-\U0010ffff][A-Za-z0-9_\x80-\U0010ffff/:.\-]*))')


def tokenize(text: str) -> list[tuple[str, str]]:
    """(kind, text) pairs: string (unquoted), op, ref, number, word."""
    tokens, position = [], 0
    text = text.rstrip()
    while position < len(text):
        match = TOKEN.match(text, position)
        if not match or match.end() == position:
            raise ModelError(f"cannot read {text[position:]!r}")
        kind = match.lastgroup
        value = match.group(kind)
        if kind == "string":
            value = re.sub(r'\\(["\\])', r"\1", value[1:-1])
        tokens.append((kind, value))
        position = match.end()
    return tokens


# Everything of a subset command before its predicate.
DEFINITION = re.compile(r'^\s*subset\s+(?:(?:"(?:[^"\\]|\\.)*"|[^\s="]+)\s*=\s*)?where\s+', re.IGNORECASE)


def quote(text: str) -> str:
    """An activis string literal."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


@dataclass
class Pred:
    """A parsed predicate: ``kind`` and its operands."""

    kind: str
    args: tuple


class PredicateParser:
    """Recursive descent over the predicate grammar (or < and < not < primary)."""

    def __init__(self, tokens: list[tuple[str, str]]):
        self.tokens, self.i = tokens, 0

    def peek(self, offset: int = 0) -> tuple[str, str] | None:
        k = self.i + offset
        return self.tokens[k] if k < len(self.tokens) else None

    def take(self) -> tuple[str, str]:
        token = self.peek()
        if token is None:
            raise ModelError("unexpected end of predicate")
        self.i += 1
        return token

    def is_word(self, word: str, offset: int = 0) -> bool:
        token = self.peek(offset)
        return token is not None and token[0] == "word" and token[1].lower() == word

    def is_op(self, offset: int = 0) -> bool:
        token = self.peek(offset)
        return token is not None and token[0] == "op" and token[1] in OPERATORS

    def parse(self) -> Pred:
        left = self.and_()
        while self.is_word("or"):
            self.i += 1
            left = Pred("or", (left, self.and_()))
        return left

    def and_(self) -> Pred:
        left = self.not_()
        while self.is_word("and"):
            self.i += 1
            left = Pred("and", (left, self.not_()))
        return left

    def not_(self) -> Pred:
        if self.is_word("not") and not self.is_op(1):
            self.i += 1
            return Pred("not", (self.not_(),))
        return self.primary()

    def primary(self) -> Pred:
        token = self.take()
        if token == ("op", "("):
            inner = self.parse()
            if self.take() != ("op", ")"):
                raise ModelError("expected ')'")
            return inner
        if self.is_op() and token[0] in ("word", "string"):
            op = self.take()[1]
            value = self.take()
            return Pred("compare", (token[1], op, value))
        word = token[1].lower() if token[0] == "word" else None
        if word == "text":
            test = self.take()[1].lower()
            return Pred("text", (test, self.take()[1]))
        if word == "score":
            name = self.take()[1]
            op = self.take()[1]
            return Pred("score", (name, op, float(self.take()[1])))
        if word == "neuron":
            index = int(self.take()[1])
            layer = None
            if self.is_word("of") and self.is_word("layer", 1):
                self.i += 2
                layer = self.take()[1]
            op = self.take()[1]
            return Pred("neuron", (index, op, float(self.take()[1]), layer))
        if word in ("correct", "misclassified"):
            return Pred(word, ())
        if word == "changed":
            if not self.is_word("from"):
                raise ModelError("expected 'from' after 'changed'")
            self.i += 1
            return Pred("changed", (self.take()[1],))
        if word == "in":
            if self.is_word("file") and (self.peek(1) or ("", ""))[0] == "string":
                self.i += 1
                return Pred("infile", (self.take()[1],))
            return Pred("in", (self.take()[1],))
        raise ModelError(f"unexpected {token[1]!r} in a predicate")


def render(pred: Pred) -> str:
    """A predicate as text (compound operands in parentheses)."""
    kind, args = pred.kind, pred.args
    wrap = lambda p: f"({render(p)})" if p.kind in ("and", "or") else render(p)  # noqa: E731
    if kind in ("and", "or"):
        return f"{wrap(args[0])} {kind} {wrap(args[1])}"
    if kind == "not":
        return f"not {wrap(args[0])}"
    if kind == "compare":
        field, op, (value_kind, value) = args
        return f"{field} {op} {quote(value) if value_kind == 'string' else value}"
    if kind == "text":
        return f"text {args[0]} {quote(args[1])}"
    if kind == "neuron":
        of = f" of layer {Session.literal(args[3])}" if args[3] is not None else ""
        return f"neuron {args[0]}{of} {args[1]} {args[2]!r}"
    if kind == "score":
        return f"score {args[0]} {args[1]} {args[2]!r}"
    if kind == "infile":
        return f"in file {quote(args[0])}"
    if kind == "changed":
        return f"changed from {quote(args[0])}"
    if kind == "in":
        return f"in {Session.literal(args[0])}"
    return kind


def simpler(pred: Pred) -> list[Pred]:
    """Smaller predicates to try in place of ``pred``: its operands, then with one
    operand simplified."""
    if pred.kind in ("and", "or"):
        left, right = pred.args
        return [left, right] + [Pred(pred.kind, (l, right)) for l in simpler(left)] \
            + [Pred(pred.kind, (left, r)) for r in simpler(right)]
    if pred.kind == "not":
        return [pred.args[0]] + [Pred("not", (p,)) for p in simpler(pred.args[0])]
    return []


def simpler_commands(line: str) -> list[str]:
    """``subset … where P`` with P replaced by each simpler predicate."""
    head, separator, predicate = line.partition(" where ")
    if not separator or not head.lstrip("! ").startswith("subset"):
        return []
    try:
        pred = PredicateParser(tokenize(predicate)).parse()
    except (ModelError, ValueError, IndexError):
        return []
    return [f"{head} where {render(p)}" for p in simpler(pred)]


def typed_size(pred: Pred) -> int:
    """The number of simple conditions as typed."""
    if pred.kind in ("and", "or"):
        return typed_size(pred.args[0]) + typed_size(pred.args[1])
    if pred.kind == "not":
        return typed_size(pred.args[0])
    return 1


def compare(values: np.ndarray, op: str, rhs) -> np.ndarray:
    """Element-wise comparison; NaN (missing) satisfies nothing, '!=' included."""
    values = np.asarray(values)
    with np.errstate(invalid="ignore"):
        result = {"=": values == rhs, "==": values == rhs, "!=": values != rhs, "<>": values != rhs,
                  "<": values < rhs, "<=": values <= rhs, ">": values > rhs, ">=": values >= rhs}[op]
    if values.dtype.kind == "f":
        result = result & ~np.isnan(values)
    return result


# ---------------------------------------------------------------------------
# The session


@dataclass
class Subset:
    name: str
    definition: str
    members: np.ndarray          # bool mask over rows
    split_field: str | None = None
    conditions: int = 1          # simple conditions once each 'in <subset>' is replaced by its definition


# A definition may grow to this many conditions when its 'in <subset>' are
# expanded (or to its own size as typed, if larger).
MAXIMUM_CONDITIONS = 10_000


@dataclass
class Statistics:
    """One matrix row as the model expects it."""

    label: str
    kind: str
    size: int
    mean: list[float]
    std: list[float]
    min: list[float]
    max: list[float]
    nonfinite: list[int] | None
    spread: list[float]          # per neuron, max |x - first finite x| (for tolerances)


@dataclass
class Session:
    """The reference session: bundle, layer, subsets, matrix rows, colour key."""

    bundle_paths: dict[str, Path] = field(default_factory=dict)
    bundle: BundleData | None = None
    layer: str | None = None
    subsets: list[Subset] = field(default_factory=list)
    rows: list[tuple[str, object]] = field(default_factory=list)   # ("class", i) | ("subset", name) | ("instance", row)
    color: str = "label"
    cache: dict = field(default_factory=dict)

    # -- helpers ---------------------------------------------------------------

    def require_bundle(self) -> BundleData:
        if self.bundle is None:
            raise ModelError("no bundle is loaded")
        return self.bundle

    def require_layer(self) -> np.ndarray:
        bundle = self.require_bundle()
        if self.layer is None:
            raise ModelError("no layer is selected")
        return bundle.layers[self.layer]

    def subset(self, name: str) -> Subset | None:
        return next((s for s in self.subsets if s.name == name), None)

    def class_members(self, index: int) -> np.ndarray:
        return self.require_bundle().label == index

    def members_of(self, name: str) -> np.ndarray:
        subset = self.subset(name)
        if subset is not None:
            return subset.members.copy()
        bundle = self.require_bundle()
        if name in bundle.classes:
            return self.class_members(bundle.classes.index(name))
        raise ModelError(f"unknown subset or class {name!r}")

    def read_bundle(self, path: Path) -> BundleData:
        key = str(path)
        if key not in self.cache:
            if not (path / "activis.json").is_file():
                raise ModelError(f"no bundle at {path}")
            self.cache[key] = read_bundle(path)
        return self.cache[key]

    # -- predicates ------------------------------------------------------------

    def evaluate(self, pred: Pred) -> np.ndarray:
        bundle = self.require_bundle()
        kind, args = pred.kind, pred.args
        if kind == "and":
            return self.evaluate(args[0]) & self.evaluate(args[1])
        if kind == "or":
            return self.evaluate(args[0]) | self.evaluate(args[1])
        if kind == "not":
            return ~self.evaluate(args[0])
        if kind == "in":
            return self.members_of(args[0])
        if kind in ("correct", "misclassified"):
            known = (bundle.label >= 0) & (bundle.predicted >= 0)
            same = bundle.label == bundle.predicted
            return known & (same if kind == "correct" else ~same)
        if kind == "text":
            test, needle = args
            if test == "starts":
                return np.array([t.encode().startswith(needle.encode()) for t in bundle.text])
            if test == "ends":
                return np.array([t.encode().endswith(needle.encode()) for t in bundle.text])
            if test == "contains":
                return np.array([needle.encode() in t.encode() for t in bundle.text])
            if test == "matches":
                expression = re.compile(needle)
                return np.array([expression.search(t) is not None for t in bundle.text])
            raise ModelError(f"unknown text test {test}")
        if kind == "score":
            name, op, value = args
            if name not in bundle.scores:
                raise ModelError(f"no score column for {name}")
            return compare(bundle.scores[name].astype(np.float64), op, value)
        if kind == "infile":
            return self.listed(Path(args[0]))
        if kind == "changed":
            other = self.read_bundle(Path(args[0]))
            there = {int(i): k for k, i in enumerate(other.ids)}
            mask = np.zeros(bundle.n, dtype=bool)
            for row, i in enumerate(bundle.ids):
                k = there.get(int(i))
                if k is None or bundle.predicted[row] < 0 or other.predicted[k] < 0:
                    continue
                mask[row] = bundle.classes[bundle.predicted[row]] != other.classes[other.predicted[k]]
            return mask
        if kind == "neuron":
            index, op, value, name = args
            if name is not None and name not in bundle.layers:
                raise ModelError(f"unknown layer {name}")
            layer = bundle.layers[name] if name is not None else self.require_layer()
            if not 0 <= index < layer.shape[1]:
                raise ModelError(f"no neuron {index}")
            return compare(layer[:, index].astype(np.float64), op, value)
        if kind == "compare":
            name, op, (value_kind, value) = args
            if name in ("label", "predicted"):
                if op not in ("=", "==", "!=", "<>"):
                    raise ModelError("classes compare with = or != only")
                if value not in bundle.classes:
                    raise ModelError(f"unknown class {value}")
                codes = bundle.label if name == "label" else bundle.predicted
                equal = codes == bundle.classes.index(value)
                return (codes >= 0) & (equal if op in ("=", "==") else ~equal)
            if name == "id":
                return compare(bundle.ids.astype(np.float64), op, number(value))
            if name.startswith("score:") and name not in bundle.numeric and name not in bundle.categorical:
                return self.evaluate(Pred("score", (name[6:], op, number(value))))
            if name in bundle.numeric:
                return compare(bundle.numeric[name], op, number(value))
            if name in bundle.categorical:
                values = bundle.categorical[name]
                return np.array([v is not None and bool(compare(np.array([v]), op, value)[0]) for v in values])
            raise ModelError(f"unknown attribute {name}")
        raise ModelError(f"unknown predicate {kind}")

    def listed(self, path: Path) -> np.ndarray:
        """The rows an id list names (one id a line, '#38' or '38'; blank and '--'
        lines skipped); every id must be in the bundle."""
        bundle = self.require_bundle()
        if not path.is_file():
            raise ModelError(f"no id list {path}")
        row_of = {int(i): r for r, i in enumerate(bundle.ids)}
        mask = np.zeros(bundle.n, dtype=bool)
        for line in path.read_text().splitlines():
            text = line.strip()
            if not text or text.startswith("--"):
                continue
            value = int(text.lstrip("#"))
            if value not in row_of:
                raise ModelError(f"{path}: no instance has id {value}")
            mask[row_of[value]] = True
        return mask

    # -- commands --------------------------------------------------------------

    def execute(self, line: str):
        """Applies one command; returns what it prints in JSON format (or None)."""
        words = line.split(None, 1)
        if words and words[0].lower() in ("load", "save"):
            # A path: a quoted string, or every byte up to whitespace.
            argument = words[1].strip() if len(words) > 1 else ""
            if argument.startswith('"'):
                argument = tokenize(argument)[0][1]
            return getattr(self, "cmd_" + words[0].lower())([("string", argument)], line)
        tokens = tokenize(line)
        if not tokens:
            return None
        head = tokens[0][1].lower()
        rest = tokens[1:]
        handler = getattr(self, "cmd_" + head, None)
        if handler is None:
            raise ModelError(f"the model does not know {head!r}")
        return handler(rest, line)

    def cmd_load(self, rest, line):
        (_, path), = rest
        bundle = self.read_bundle(Path(path))
        self.bundle = bundle
        self.subsets = []
        self.rows = [("class", i) for i in range(len(bundle.classes)) if self.class_members(i).any()]
        self.layer = next(iter(bundle.layers)) if len(bundle.layers) == 1 else None
        self.color = "label"
        return None

    def cmd_select(self, rest, line):
        bundle = self.require_bundle()
        if len(rest) != 2 or rest[0][1].lower() != "layer":
            raise ModelError("select layer <name>")
        name = rest[1][1]
        if name not in bundle.layers:
            raise ModelError(f"unknown layer {name}")
        self.layer = name
        return None

    def cmd_subset(self, rest, line):
        self.require_bundle()
        name = None
        if len(rest) >= 2 and rest[1] == ("op", "="):
            name = rest[0][1]
            rest = rest[2:]
        if rest and rest[0][0] == "word" and rest[0][1].lower() == "from" and len(rest) == 2:
            if name is not None and name in self.bundle.classes:
                raise ModelError("a subset may not take a class's name")
            members = self.listed(Path(rest[1][1]))
            self.store(Subset(name or self.automatic_name(), "from " + quote(rest[1][1]), members))
            return None
        if not rest or rest[0][1].lower() != "where":
            raise ModelError("subset [name =] where <predicate>")
        parser = PredicateParser(rest[1:])
        pred = parser.parse()
        if parser.peek() is not None:
            raise ModelError("trailing words after the predicate")
        if name is not None and name in self.bundle.classes:
            raise ModelError("a subset may not take a class's name")
        conditions, cost = self.closed_size(pred)
        if cost > max(MAXIMUM_CONDITIONS, typed_size(pred)):
            raise ModelError("the definition would have too many conditions once expanded")
        members = self.evaluate(pred)
        name = name or self.automatic_name()
        definition = DEFINITION.sub("", line, count=1).strip()
        self.store(Subset(name, definition, members, conditions=conditions))
        return None

    def automatic_name(self) -> str:
        """s1, s2, …: the first not taken."""
        k = 1
        while self.subset(f"s{k}"):
            k += 1
        return f"s{k}"

    def closed_size(self, pred: Pred) -> tuple[int, int]:
        """(conditions of the closed form, what expanding it costs): 'in <subset>'
        brings that subset's conditions and costs one more."""
        if pred.kind in ("and", "or"):
            sizes = [self.closed_size(p) for p in pred.args]
            return sizes[0][0] + sizes[1][0], sizes[0][1] + sizes[1][1]
        if pred.kind == "not":
            return self.closed_size(pred.args[0])
        if pred.kind == "in" and self.subset(pred.args[0]) is not None:
            size = self.subset(pred.args[0]).conditions
            return size, size + 1
        return 1, 1

    def store(self, subset: Subset) -> None:
        for k, old in enumerate(self.subsets):
            if old.name == subset.name:
                self.subsets[k] = subset
                break
        else:
            self.subsets.append(subset)
        if ("subset", subset.name) not in self.rows:
            self.rows.append(("subset", subset.name))

    def accuracy(self, mask: np.ndarray) -> float | None:
        """The fraction right among the members with a label and a prediction."""
        bundle = self.bundle
        known = mask & (bundle.label >= 0) & (bundle.predicted >= 0)
        if not known.any():
            return None
        return float((bundle.label[known] == bundle.predicted[known]).sum() / known.sum())

    def cmd_subsets(self, rest, line):
        bundle = self.require_bundle()
        if not rest:
            return ("subsets", [(s.name, int(s.members.sum()), s.definition, self.accuracy(s.members))
                                for s in self.subsets])
        if rest[0][1].lower() != "by":
            raise ModelError("subsets by <field>")
        name = rest[1][1]
        bins = int(rest[3][1]) if len(rest) >= 4 and rest[2][1].lower() == "bins" else None
        if name in ("label", "predicted"):
            codes = bundle.label if name == "label" else bundle.predicted
            values = [bundle.classes[c] if c >= 0 else None for c in codes]
            parts = self.category_parts(name, values, bundle.classes, bins)
        elif name in bundle.categorical:
            values = bundle.categorical[name]
            parts = self.category_parts(name, values, sorted({v for v in values if v is not None}), bins)
        elif name in bundle.numeric:
            parts = self.range_parts(name, bundle.numeric[name], bins)
        else:
            raise ModelError(f"unknown attribute {name}")
        if not parts:
            raise ModelError("no value in any instance")
        taken = set(bundle.classes)
        for part in parts:
            candidate, k = part.name, 2
            while candidate in taken:
                candidate, k = f"{part.name}_{k}", k + 1
            taken.add(candidate)
            part.name = candidate
            part.split_field = name
            self.store(part)
        stale = [s.name for s in self.subsets if s.split_field == name and s.name not in taken]
        self.subsets = [s for s in self.subsets if s.name not in stale]
        self.rows = [r for r in self.rows if not (r[0] == "subset" and r[1] in stale)]
        return None

    @staticmethod
    def split_name(field_name: str, value: str) -> str:
        name = "".join(c if c.isalpha() or c in "0123456789" else "_" for c in field_name + "_" + value)
        return "_" + name if name[:1].isdigit() else name

    @staticmethod
    def literal(text: str, field_side: bool = False) -> str:
        plain = (text[:1] == "_" or text[:1].isalpha()) and all(c == "_" or c.isalnum() for c in text) \
            and (field_side or text.lower() not in PREDICATE_KEYWORDS)
        return text if plain else quote(text)

    def category_parts(self, name, values, categories, bins) -> list[Subset]:
        if bins is not None:
            raise ModelError("bins is for numeric attributes")
        parts = []
        for category in categories:
            mask = np.array([v == category for v in values])
            if mask.any():
                parts.append(Subset(self.split_name(name, category),
                                    f"{self.literal(name, True)} = {self.literal(category)}", mask))
        return parts

    def range_parts(self, name, values: np.ndarray, bins) -> list[Subset]:
        count = 4 if bins is None else bins
        if count < 2 or count > 64:
            raise ModelError("bins out of range")
        ordered = np.sort(values[~np.isnan(values)])
        if len(ordered) == 0:
            return []
        cuts: list[float] = []
        for k in range(1, count):
            cut = float(ordered[k * len(ordered) // count])
            if cut > ordered[0] and (not cuts or cut != cuts[-1]):
                cuts.append(cut)
        parts = []
        for b in range(len(cuts) + 1):
            lower = cuts[b - 1] if b > 0 else None
            upper = cuts[b] if b < len(cuts) else None
            mask = ~np.isnan(values)
            conditions = []
            if lower is not None:
                mask &= values >= lower
                conditions.append(f"{self.literal(name, True)} >= {number_text(lower)}")
            if upper is not None:
                mask &= values < upper
                conditions.append(f"{self.literal(name, True)} < {number_text(upper)}")
            parts.append(Subset(self.split_name(name, str(b + 1)), " and ".join(conditions), mask,
                                conditions=max(1, len(conditions))))
        return parts

    def cmd_members(self, rest, line):
        bundle = self.require_bundle()
        mask = self.members_of(rest[0][1])
        rows = np.nonzero(mask)[0]
        return ("members", [int(bundle.ids[r]) for r in rows])

    def resolve_rows(self, rest):
        bundle = self.require_bundle()
        rows = []
        for kind, value in rest:
            if kind == "ref":
                matches = np.nonzero(bundle.ids == int(value[1:]))[0]
                if len(matches) == 0:
                    raise ModelError(f"no instance {value}")
                rows.append(("instance", int(matches[0])))
            elif self.subset(value) is not None:
                rows.append(("subset", value))
            elif value in bundle.classes:
                rows.append(("class", bundle.classes.index(value)))
            else:
                raise ModelError(f"unknown row {value}")
        return rows

    def cmd_add(self, rest, line):
        for row in self.resolve_rows(rest):
            if row not in self.rows:
                self.rows.append(row)
        return None

    def cmd_remove(self, rest, line):
        rows = self.resolve_rows(rest)
        for row in rows:
            if row not in self.rows:
                raise ModelError(f"{row} is not a row of the matrix")
        self.rows = [r for r in self.rows if r not in rows]
        return None

    def cmd_matrix(self, rest, line):
        bundle = self.require_bundle()
        layer = self.require_layer()
        columns = list(range(layer.shape[1]))
        if rest:
            if len(rest) != 4 or rest[0][1].lower() != "neurons" or rest[2] != ("op", ".."):
                raise ModelError("the model knows 'matrix' and 'matrix neurons A..B'")
            first, last = int(rest[1][1]), int(rest[3][1])
            if not 0 <= first <= last < layer.shape[1]:
                raise ModelError("neurons out of range")
            columns = list(range(first, last + 1))
        result = []
        for kind, value in self.rows:
            if kind == "class" and bundle.full is not None:  # exact, over the whole data set
                result.append(row_statistics(bundle.classes[value], kind, bundle.full[self.layer],
                                             bundle.full_label == value, None))
                continue
            if kind == "class":
                label, mask = bundle.classes[value], self.class_members(value)
            elif kind == "subset":
                label, mask = value, self.subset(value).members
            else:
                label, mask = f"#{bundle.ids[value]}", None
            result.append(row_statistics(label, kind, layer, mask, value if kind == "instance" else None))
        return ("matrix", self.layer, result, columns)

    def cmd_neurons(self, rest, line):
        """``neurons [top N]``: per neuron over every instance: mean, std, min, max,
        the fraction of finite values ≤ 0, and the between-class share of the
        variance (None where the neuron has a non-finite value: with NaN the
        formula's weights are not settled)."""
        bundle = self.require_bundle()
        layer = self.require_layer()
        top = layer.shape[1]
        if rest:
            if len(rest) != 2 or rest[0][1].lower() != "top" or int(rest[1][1]) < 1:
                raise ModelError("the model knows 'neurons' and 'neurons top N'")
            top = min(top, int(rest[1][1]))
        # With aggregates: every statistic over the whole data set; `dead` is not in the aggregates.
        exact = bundle.full is not None
        values, labels = (bundle.full[self.layer], bundle.full_label) if exact else (layer, bundle.label)
        everything = row_statistics("all", "all", values, np.ones(len(values), dtype=bool), None)
        classes = [row_statistics(c, "class", values, labels == k, None)
                   for k, c in enumerate(bundle.classes) if self.class_members(k).any()]
        result = []
        for j in range(top):
            column = values[:, j].astype(np.float64)
            finite = column[np.isfinite(column)]
            dead = float((finite <= 0).sum() / len(finite)) if len(finite) and not exact else None
            separation = None
            variance = everything.std[j] ** 2
            if len(finite) == len(values) and variance > 0:
                between = sum(c.size * (c.mean[j] - everything.mean[j]) ** 2 for c in classes)
                separation = min(1.0, between / (sum(c.size for c in classes) * variance))
            result.append((f"n{j}", everything.mean[j], everything.std[j], everything.min[j], everything.max[j],
                           dead, separation, everything.spread[j]))
        return ("neurons", result)

    def cmd_diff(self, rest, line):
        """``diff "<bundle>" [all]``: linear CKA (centred columns, float64) between
        layers over the instances both bundles have, leaving out those with a
        non-finite value in any compared layer; undefined (None) for a constant layer."""
        bundle = self.require_bundle()
        other = self.read_bundle(Path(rest[0][1]))
        every = len(rest) > 1 and rest[1][1].lower() == "all"
        there = {int(i): k for k, i in enumerate(other.ids)}
        rows = [r for r, i in enumerate(bundle.ids) if int(i) in there]
        if not rows:
            raise ModelError("no shared ids")
        other_rows = [there[int(bundle.ids[r])] for r in rows]
        if every:
            pairs = [(a, b) for a in bundle.layers for b in other.layers]
        else:
            pairs = [(a, a) for a in bundle.layers if a in other.layers]
        if not pairs:
            raise ModelError("no common layers")
        here = {a: bundle.layers[a][rows].astype(np.float64) for a, _ in pairs}
        away = {b: other.layers[b][other_rows].astype(np.float64) for _, b in pairs}
        finite = np.ones(len(rows), dtype=bool)
        for m in list(here.values()) + list(away.values()):
            finite &= np.isfinite(m).all(axis=1)
        def centred(m):
            m = m[finite]
            return m - m.mean(axis=0)
        def cka(x, y):
            if len(x) < 2:
                return None
            nx, ny = np.linalg.norm(x.T @ x), np.linalg.norm(y.T @ y)
            if nx <= 1e-12 * max(1.0, float(np.abs(x).max(initial=0.0))) ** 2 or \
               ny <= 1e-12 * max(1.0, float(np.abs(y).max(initial=0.0))) ** 2:
                return None
            return float(np.linalg.norm(y.T @ x) ** 2 / (nx * ny))
        values = {(a, b): cka(centred(here[a]), centred(away[b])) for a, b in pairs}
        if every:
            return ("diff_all", [(a, [values[(a, b)] for b in other.layers]) for a in bundle.layers],
                    list(other.layers))
        return ("diff", [(a, bundle.layers[a].shape[1], other.layers[a].shape[1], values[(a, a)])
                         for a, _ in pairs])

    def cmd_confusion(self, rest, line):
        """``confusion [of S]``: per true class, the count of each predicted class
        among the instances (of S) that have both a label and a prediction."""
        bundle = self.require_bundle()
        words = [text for _, text in rest]
        mask = self.members_of(words[1]) if words else np.ones(bundle.n, dtype=bool)
        k = len(bundle.classes)
        counts = [[0] * k for _ in range(k)]
        for row in np.nonzero(mask)[0]:
            label, predicted = bundle.label[row], bundle.predicted[row]
            if label >= 0 and predicted >= 0:
                counts[label][predicted] += 1
        return ("confusion", [(bundle.classes[i], counts[i]) for i in range(k)])

    def cmd_compare(self, rest, line):
        """``compare A B [top N] [by difference|effect|auroc]`` for two classes or subsets:
        per neuron both means, mean(B) - mean(A), Cohen's d (pooled sample std) and the
        AUROC (pairs counted, ties half), over finite values; the top N by the ranking."""
        self.require_bundle()
        layer = self.require_layer()
        words = [text for _, text in rest]
        top, ranking, names = 10, "difference", []
        index = 0
        while index < len(words):
            if words[index].lower() == "top" and index + 1 < len(words) and words[index + 1].isdigit():
                top, index = int(words[index + 1]), index + 2
            elif words[index].lower() == "by" and index + 1 < len(words):
                ranking, index = words[index + 1].lower(), index + 2
            else:
                names.append(words[index])
                index += 1
        if len(names) != 2 or any(n.startswith("#") for n in names):
            raise ModelError("the model compares two groups")
        masks = [self.members_of(n) for n in names]
        bundle = self.require_bundle()
        # With aggregates a class's means and spread are over the whole data set; AUROC on the sample.
        exact = [bundle.full is not None and self.subset(n) is None and n in bundle.classes for n in names]
        rows = []
        for j in range(layer.shape[1]):
            column = layer[:, j].astype(np.float64)
            xs = column[masks[0]]
            ys = column[masks[1]]
            xs, ys = xs[~np.isnan(xs)], ys[~np.isnan(ys)]
            fx, fy = xs[np.isfinite(xs)], ys[np.isfinite(ys)]
            whole = [bundle.full[self.layer][bundle.full_label == bundle.classes.index(n), j] if e else None
                     for n, e in zip(names, exact)]
            fx, fy = [w[np.isfinite(w)] if w is not None else f for w, f in zip(whole, (fx, fy))]
            mean_a = fx.mean() if len(fx) else float("nan")
            mean_b = fy.mean() if len(fy) else float("nan")
            difference = float(np.float32(mean_b)) - float(np.float32(mean_a))
            effect = float("nan")
            if len(fx) >= 2 and len(fy) >= 2:
                pooled = np.sqrt((((fx - mean_a) ** 2).sum() + ((fy - mean_b) ** 2).sum()) / (len(fx) + len(fy) - 2))
                if pooled > 0:
                    effect = difference / pooled
            auroc = float("nan")
            if len(xs) and len(ys):
                greater = (ys[:, None] > xs[None, :]).sum()
                equal = (ys[:, None] == xs[None, :]).sum()
                auroc = float((greater + 0.5 * equal) / (len(xs) * len(ys)))
            rows.append((f"n{j}", difference, effect, auroc))
        key = {"difference": lambda r: abs(r[1]), "effect": lambda r: abs(r[2]), "auroc": lambda r: abs(r[3] - 0.5)}[ranking]
        ranked = [r for r in rows if not np.isnan(key(r))]
        ranked.sort(key=lambda r: -key(r))
        return ("compare", ranked[:top], ranking)

    def cmd_neighbors(self, rest, line):
        """``neighbors #id [top N] [euclidean|cosine] [of S]``: the N nearest other
        members in the current layer by float64 distance, ties in row order; rows
        with NaN/inf (or, for cosine, a zero norm) have no distance."""
        bundle = self.require_bundle()
        layer = self.require_layer().astype(np.float64)
        words = [text for _, text in rest]
        query = int(np.nonzero(bundle.ids == int(words[0].lstrip("#")))[0][0])
        count, metric, scope = 10, "euclidean", None
        index = 1
        while index < len(words):
            word = words[index].lower()
            if word == "top":
                count, index = int(words[index + 1]), index + 2
            elif word == "of":
                scope, index = words[index + 1], index + 2
            else:
                metric, index = word, index + 1
        if metric == "cosine":
            norms = np.sqrt((layer * layer).sum(axis=1))
            with np.errstate(all="ignore"):
                distance = 1 - (layer @ layer[query]) / (norms * norms[query])
            distance[~(norms > 0) | ~np.isfinite(norms)] = np.nan
        else:
            with np.errstate(all="ignore"):
                distance = np.sqrt(((layer - layer[query]) ** 2).sum(axis=1))
        distance[~np.isfinite(distance)] = np.nan
        if np.isnan(distance[query]):
            raise ModelError("the instance has no distance")
        mask = self.members_of(scope) if scope is not None else np.ones(bundle.n, dtype=bool)
        mask[query] = False
        rows = [r for r in np.nonzero(mask)[0] if not np.isnan(distance[r])]
        rows.sort(key=lambda r: (distance[r], r))
        return ("neighbors", [(int(bundle.ids[r]), float(distance[r])) for r in rows[:count]])

    cmd_neighbours = cmd_neighbors

    def cmd_top(self, rest, line):
        """``top N for neuron K [lowest] [of S]``: the N members (all instances, or
        subset or class S) with the highest value of neuron K in the current layer
        (lowest first with ``lowest``); ties in row order; NaN in no ranking."""
        self.require_bundle()
        layer = self.require_layer()
        words = [text for _, text in rest]
        count, neuron = int(words[0]), words[3]
        options = words[4:]
        lowest = "lowest" in [w.lower() for w in options]
        scope = options[options.index("of") + 1] if "of" in options else None
        index = int(neuron) if neuron.isdigit() else int(neuron[1:])
        if count < 1 or index >= layer.shape[1]:
            raise ModelError("bad top")
        mask = self.members_of(scope) if scope is not None else np.ones(layer.shape[0], dtype=bool)
        column = layer[:, index].astype(np.float32)
        rows = [r for r in np.nonzero(mask)[0] if not np.isnan(column[r])]
        rows.sort(key=lambda r: (float(column[r]) if lowest else -float(column[r]), r))
        bundle = self.bundle
        return ("top", [(int(bundle.ids[r]), float(column[r])) for r in rows[:count]])

    def cmd_separability(self, rest, line):
        """``separability [of S] [sample N]``: per layer the neurons, the 5-fold probe
        accuracy and the silhouette of the labelled members (the model never samples)."""
        bundle = self.require_bundle()
        words = [text for _, text in rest]
        mask = np.ones(bundle.n, dtype=bool)
        if "of" in words:
            mask = self.members_of(words[words.index("of") + 1])
        if "sample" in words and int(words[words.index("sample") + 1]) < int((mask & (bundle.label >= 0)).sum()):
            raise ModelError("the model does not sample")
        rows = np.nonzero(mask & (bundle.label >= 0))[0]
        result = []
        self.check_separable(bundle.label[rows])
        for name, layer in bundle.layers.items():
            values = layer[rows]
            finite = np.isfinite(values).all(axis=1)
            labels = bundle.label[rows][finite]
            self.check_separable(labels)
            result.append((name, layer.shape[1], analysis_model.probe_accuracy(values[finite], labels),
                           analysis_model.silhouette(values[finite], labels), len(labels)))
        return ("separability", result)

    @staticmethod
    def check_separable(labels: np.ndarray) -> None:
        counts = np.bincount(labels, minlength=1)
        present = counts[counts > 0]
        if len(present) < 2 or present.min() < analysis_model.FOLDS:
            raise ModelError("separability needs two classes of at least five")

    def cmd_suggest(self, rest, line):
        """``suggest [for C] [top N]``: the expected divergences, best first, and a
        checker that evaluates a printed definition with the model's own predicates."""
        bundle = self.require_bundle()
        layer = self.require_layer()
        words = [text for _, text in rest]
        top = int(words[words.index("top") + 1]) if "top" in words else 10
        chosen = words[words.index("for") + 1] if "for" in words else None
        if chosen is not None and chosen not in bundle.classes:
            raise ModelError(f"unknown class {chosen}")
        base = bundle.label == bundle.classes.index(chosen) if chosen is not None else np.ones(bundle.n, dtype=bool)
        masks = self.suggestion_masks(base)
        if chosen is not None:
            masks = [mask & base for mask in masks]
        total = int(base.sum())
        finite = base & np.isfinite(layer).all(axis=1)
        values, groups = layer[finite], bundle.label[finite] + 1
        seen, scored = set(), []
        for mask in masks:
            size = int(mask.sum())
            key = mask.tobytes()
            if size < analysis_model.MINIMUM_SUGGESTION or total - size < analysis_model.MINIMUM_SUGGESTION or key in seen:
                continue
            seen.add(key)
            scored.append(analysis_model.divergence(values, groups, mask[finite]))
        expected = sorted((d for d in scored), key=lambda d: -1 if d is None else d, reverse=True)[:top]
        snapshot = Session(bundle=bundle, layer=self.layer)

        def check(definition: str):
            mask = snapshot.evaluate(PredicateParser(tokenize(definition)).parse())
            return (int(mask.sum()), snapshot.accuracy(mask),
                    analysis_model.divergence(values, groups, mask[finite]))
        return ("suggest", expected, check)

    def suggestion_masks(self, base: np.ndarray) -> list[np.ndarray]:
        """The candidates' members (before 'label = C and'), in the order of help suggest."""
        bundle = self.bundle
        counts: dict[str, int] = {}
        for row in np.nonzero(base)[0]:
            for phrase in analysis_model.leading_phrases(bundle.text[row]):
                counts[phrase] = counts.get(phrase, 0) + 1
        phrases = [p for p, c in counts.items() if c >= analysis_model.MINIMUM_SUGGESTION]
        phrases.sort(key=lambda p: (-len([w for w in p.split(" ") if w]), p))
        masks = [np.array([t.encode().startswith(p.encode()) for t in bundle.text], dtype=bool) for p in phrases]
        for name, values in bundle.categorical.items():
            for category in dict.fromkeys(v for v, b in zip(values, base) if b and v is not None):
                masks.append(np.array([v == category for v in values], dtype=bool))
        for name, values in bundle.numeric.items():
            cuts = analysis_model.quantile_cuts(np.where(base, values, np.nan))
            if not cuts:
                continue
            for b in range(len(cuts) + 1):
                mask = ~np.isnan(values)
                if b > 0:
                    mask &= values >= cuts[b - 1]
                if b < len(cuts):
                    mask &= values < cuts[b]
                masks.append(mask)
        if len(bundle.label) and len(bundle.predicted):
            masks.append((bundle.label >= 0) & (bundle.predicted >= 0) & (bundle.label != bundle.predicted))
        return masks

    def cmd_project(self, rest, line):
        """``project pca`` or ``project umap [neighbors K] [seed S]``: every instance with
        finite activations placed (the coordinates themselves are not modelled). UMAP needs
        more than K (15) of them and not all alike; PCA needs two neurons."""
        bundle = self.require_bundle()
        layer = self.require_layer()
        words = [text.lower() for _, text in rest]
        finite = np.isfinite(layer).all(axis=1).sum()
        rows = layer[np.isfinite(layer).all(axis=1)]
        distinct = len({r.tobytes() for r in rows})
        if bundle.n < 4 or finite < 4:
            raise ModelError("cannot project")
        if words[0] == "umap":
            neighbors = int(words[words.index("neighbors") + 1]) if "neighbors" in words else 15
            if finite <= neighbors or distinct < 2:
                raise ModelError("cannot project")
        elif layer.shape[1] < 2:
            raise ModelError("cannot project")
        return ("projection", int(finite), distinct)

    def cmd_color(self, rest, line):
        bundle = self.require_bundle()
        name = rest[1][1]
        if name in ("label", "predicted", "correct") or name in bundle.numeric or name in bundle.categorical:
            self.color = name
        elif self.subset(name) is not None:
            self.color = "subset:" + name
        else:
            raise ModelError(f"unknown attribute or subset {name}")
        return None

    def cmd_save(self, rest, line):
        self.require_bundle()
        return ("save", rest[0][1], self.layer is not None)


def number(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        raise ModelError(f"expected a number, found {text!r}") from None


def number_text(value: float) -> str:
    """A cut point as activis writes it: integral values without a fraction."""
    if value == round(value) and abs(value) < 1e15:
        return str(int(value))
    return repr(value)


def row_statistics(label, kind, layer: np.ndarray, mask, row) -> Statistics:
    """Count, mean, population std, min, max over finite values, per neuron."""
    values = layer[row:row + 1] if mask is None else layer[mask]
    size = 1 if mask is None else int(mask.sum())
    columns = layer.shape[1]
    stats = {k: [] for k in ("mean", "std", "min", "max", "spread")}
    nonfinite = []
    for j in range(columns):
        column = values[:, j].astype(np.float64)
        finite = column[np.isfinite(column)]
        nonfinite.append(int(len(column) - len(finite)))
        if len(finite) == 0:
            for k in stats:
                stats[k].append(float("nan"))
            continue
        total = 0.0
        for x in finite:              # plain loops: no shared code with any numpy reduction path
            total += x
        mean = total / len(finite)
        squares = 0.0
        for x in finite:
            squares += (x - mean) ** 2
        stats["mean"].append(mean)
        stats["std"].append((squares / len(finite)) ** 0.5)
        stats["min"].append(float(finite.min()))
        stats["max"].append(float(finite.max()))
        stats["spread"].append(float(np.abs(finite - finite[0]).max()))
    has_nonfinite = size > 0 and any(nonfinite)
    return Statistics(label, kind, size, stats["mean"], stats["std"], stats["min"], stats["max"],
                      nonfinite if has_nonfinite else None, stats["spread"])
