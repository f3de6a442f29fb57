"""Random, valid command sequences (seeded), generated against the reference model.

Every candidate command is tried on a ``model.Session``; a command the model
refuses is not emitted, so a sequence is valid by construction; about one
sequence in two also gets a command that must be refused (marked ``! ``). ``avoid``
names known bugs whose triggers the generator steers around (bugs 1–3 are fixed on
main; the switches stay for running against older binaries):

- ``stale-split``: re-creating a subset name that a ``subsets by`` removed.
- ``load-color``: ``load`` while projections are coloured by a subset.
- ``save-replay``: ``save`` when re-running each subset's definition in order, on
  the last selected layer (what the current ``save`` writes), gives other members.
- ``replay-bytes`` (not a generator switch; the harness compares a replayed matrix
  by value instead of byte for byte): a row's statistics depend on which other
  rows were computed in the same pass, so a replay's last digits can differ.
"""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np

from model import INVALID, ModelError, Session, quote

KNOWN_BUGS = ("stale-split", "load-color", "save-replay", "replay-bytes")
NAMES = ["hot", "whatis", "grp", "t1", "mix", "sel", "length_2", "source_wiki", "two words", 'say "x"', "where"]
TEXT_TESTS = [("starts", "What is"), ("starts", "Who was"), ("starts", "How many"), ("starts", "Wh"),
              ("ends", "?"), ("ends", "."), ("contains", "golf"), ("contains", "the"), ("contains", "said,"),
              ("matches", "^(What|Who) "), ("matches", "g[a-z]+d"), ("contains", "café"), ("contains", 'say "hi"'),
              ("starts", "Wh"), ("ends", 'hi"?'), ("contains", "Zü"), ("matches", "golf|caf(é|e)"),
              ("matches", "(?:is|was) the")]
OPS = ["=", "!=", "<", "<=", ">", ">="]


class Generator:
    """Draws one sequence: ``load`` of the main bundle, then ``length`` commands."""

    def __init__(self, rng: random.Random, bundles: dict[str, Path], save_dir: Path, avoid: set[str],
                 invalid: bool = True):
        self.rng, self.bundles, self.save_dir, self.avoid, self.invalid = rng, bundles, save_dir, avoid, invalid
        self.session = Session()
        self.gone: set[str] = set()      # subset names a split removed since the last load
        self.saves = 0

    # -- predicates ------------------------------------------------------------

    def atom(self) -> str:
        rng, s = self.rng, self.session
        b = s.bundle
        choices = ["text", "label", "predicted", "agree", "id", "length", "source", "score", "in", "in", "neuron"]
        if s.layer is not None:
            choices += ["neuron"] * 2
        kind = rng.choice(choices)
        if kind == "text":
            test, needle = rng.choice(TEXT_TESTS)
            return f"text {test} {quote(needle)}"
        if kind in ("label", "predicted"):
            return f"{kind} {rng.choice(['=', '=', '!='])} {rng.choice(b.classes)}"
        if kind == "agree":
            return rng.choice(["correct", "misclassified"])
        if kind == "id":
            value = int(rng.choice(b.ids)) + rng.choice([0, 0, 1, -1])
            return f"id {rng.choice(OPS)} {value}"
        if kind == "length":
            return f"length {rng.choice(OPS)} {rng.randint(2, 9)}"
        if kind == "source":
            return f"source {rng.choice(OPS)} {rng.choice(['wiki', 'news', 'forum', 'exam', 'm'])}"
        if kind == "score":
            form = rng.choice(["score {} ", "score:{} "])
            op, value = rng.choice(['>', '<', '>=']), rng.choice([0.1, 0.25, 0.4, 0.6])
            return form.format(rng.choice(b.classes)) + f"{op} {value}"
        if kind == "in":
            if rng.random() < 0.15:
                return f"in file {quote(str(self.id_list()))}"
            names = [x.name for x in s.subsets] + b.classes
            return f"in {name(rng.choice(names))}"
        of = ""
        layer_name = s.layer
        if layer_name is None or rng.random() < 0.2:
            layer_name = rng.choice(list(b.layers))
            of = f" of layer {layer_name}"
        layer = b.layers[layer_name]
        k = rng.randrange(layer.shape[1])
        column = layer[:, k]
        finite = column[np.isfinite(column)]
        value = round(float(rng.choice(finite)), 2) if len(finite) else 0.5
        return f"neuron {k}{of} {rng.choice(['>', '<', '>=', '<=', '!='])} {value}"

    def id_list(self, bad: bool = False) -> Path:
        """An id list of the current bundle ('#38' and '38' lines, a comment, a blank
        line), written next to the saves; with ``bad`` it names an id not in the bundle."""
        b = self.session.bundle
        self.save_dir.mkdir(parents=True, exist_ok=True)
        path = self.save_dir / f"ids-{b.path.name}-{self.rng.randrange(3) if not bad else 'bad'}.txt"
        if not path.exists():
            count = min(b.n, self.rng.randint(1, 20))
            ids = [int(i) for i in self.rng.sample(list(b.ids), count)]
            lines = ["-- ids chosen by hand", ""] + [f"#{i}" if k % 2 else str(i) for k, i in enumerate(ids)]
            path.write_text("\n".join(lines + (["1"] if bad else [])) + "\n")
        return path

    def predicate(self, depth: int = 0) -> str:
        r = self.rng.random()
        if depth >= 3 or r < 0.45:
            return self.atom()
        if r < 0.6:
            inner = self.predicate(depth + 1)
            return f"not ({inner})" if " " in inner and not inner.startswith("(") else f"not {inner}"
        op = self.rng.choice(["and", "or"])
        left, right = self.predicate(depth + 1), self.predicate(depth + 1)
        wrap = lambda p: f"({p})" if (" and " in p or " or " in p) else p  # noqa: E731
        return f"{wrap(left)} {op} {wrap(right)}"

    # -- commands --------------------------------------------------------------

    def candidate(self) -> list[str]:
        """One command (or a save with the matrix and subsets after it)."""
        rng, s = self.rng, self.session
        b = s.bundle
        kind = rng.choices(
            ["subset", "subsets", "matrix", "members", "split", "select", "add", "remove", "project", "color",
             "load", "save", "neurons", "top", "confusion", "neighbors", "compare", "diff", "separability",
             "suggest"],
            weights=[30, 8, 15, 4, 10, 8, 6, 4, 3, 4, 3, 4, 3, 4, 3, 3, 3, 3, 3, 4])[0]
        if self.invalid and rng.random() < 0.04:
            return [INVALID + self.invalid_command()]
        if kind == "subset":
            existing = [x.name for x in s.subsets]
            r = rng.random()
            if r < 0.05:
                return [f"subset {name(rng.choice(NAMES))} = from {quote(str(self.id_list()))}"]
            if r < 0.15:
                return [f"subset where {self.predicate()}"]
            if r < 0.3 and existing:
                chosen = name(rng.choice(existing))
                return [f"subset {chosen} = where in {chosen} {rng.choice(['and', 'or'])} {self.atom()}"]
            chosen = rng.choice(existing) if existing and r < 0.5 else rng.choice(NAMES)
            return [f"subset {name(chosen)} = where {self.predicate()}"]
        if kind == "subsets":
            return ["subsets"]
        if kind == "matrix":
            width = b.layers[s.layer].shape[1] if s.layer else 0
            if width and rng.random() < 0.2:
                first = rng.randrange(width)
                return [f"matrix neurons {first}..{rng.randrange(first, width)}"]
            return ["matrix"]
        if kind == "members":
            return [f"members {name(rng.choice([x.name for x in s.subsets] + b.classes))}"]
        if kind == "split":
            field = rng.choice(["length", "length", "source", "label", "predicted"])
            return [f"subsets by length bins {rng.randint(2, 6)}" if field == "length" and rng.random() < 0.8
                    else f"subsets by {field}"]
        if kind == "select":
            return [f"select layer {rng.choice(list(b.layers))}"]
        if kind == "add":
            options = [f"#{rng.choice(b.ids)}", rng.choice(b.classes)] + [name(x.name) for x in s.subsets]
            return ["add " + " ".join(rng.sample(options, rng.randint(1, min(2, len(options)))))]
        if kind == "remove":
            if not s.rows:
                return []
            kind_, value = rng.choice(s.rows)
            label = (b.classes[value] if kind_ == "class" else name(value) if kind_ == "subset" else f"#{b.ids[value]}")
            return [f"remove {label}"]
        if kind == "project":
            return [rng.choice(["project pca", "project umap", "project umap neighbors 5 seed 3"])]
        if kind == "compare":
            if not s.layer:
                return []
            groups = [x.name for x in s.subsets if x.members.any()] + [c for k, c in enumerate(b.classes)
                                                                    if s.class_members(k).any()]
            if len(groups) < 2:
                return []
            first, second = rng.sample(groups, 2)
            text = f"compare {name(first)} {name(second)}"
            if rng.random() < 0.5:
                text += f" top {rng.randint(1, 8)}"
            if rng.random() < 0.7:
                text += f" by {rng.choice(['difference', 'effect', 'auroc'])}"
            return [text]
        if kind == "neighbors":
            if not s.layer:
                return []
            layer = b.layers[s.layer]
            placeable = [i for i in range(len(b.ids)) if np.isfinite(layer[i]).all() and np.abs(layer[i]).sum() > 0]
            if not placeable:
                return []
            text = f"{rng.choice(['neighbors', 'neighbours'])} #{b.ids[rng.choice(placeable)]}"
            if rng.random() < 0.5:
                text += f" top {rng.randint(1, 15)}"
            if rng.random() < 0.5:
                text += f" {rng.choice(['euclidean', 'cosine'])}"
            if rng.random() < 0.3:
                text += f" of {name(rng.choice([x.name for x in s.subsets] + b.classes))}"
            return [text]
        if kind == "diff":
            checkpoint = self.bundles.get("checkpoint")
            if checkpoint is None:
                return []
            if rng.random() < 0.3:
                return [f"subset {name(rng.choice(NAMES))} = where changed from {quote(str(checkpoint))}"]
            return [f"diff {quote(str(checkpoint))}" + (" all" if rng.random() < 0.4 else "")]
        if kind == "separability":
            if rng.random() < 0.6:
                return ["separability"]
            return [f"separability of {name(rng.choice([x.name for x in s.subsets] + b.classes))}"]
        if kind == "suggest":
            if not s.layer:
                return []
            text = "suggest"
            if rng.random() < 0.5:
                text += f" for {name(rng.choice(b.classes))}"
            if rng.random() < 0.5:
                text += f" top {rng.randint(1, 15)}"
            return [text]
        if kind == "confusion":
            if rng.random() < 0.5:
                return ["confusion"]
            return [f"confusion of {name(rng.choice([x.name for x in s.subsets] + b.classes))}"]
        if kind == "top":
            if not s.layer:
                return []
            width = b.layers[s.layer].shape[1]
            neuron = rng.randrange(width)
            text = f"top {rng.randint(1, 12)} for neuron {neuron if rng.random() < 0.5 else f'n{neuron}'}"
            if rng.random() < 0.4:
                text += " lowest"
            if rng.random() < 0.4:
                text += f" of {name(rng.choice([x.name for x in s.subsets] + b.classes))}"
            return [text]
        if kind == "neurons":
            return ["neurons" if rng.random() < 0.7 else f"neurons top {rng.randint(1, 4)}"]
        if kind == "color":
            keys = ["predicted", "correct", "source"] + [x.name for x in s.subsets if x.split_field is None]
            return [f"color by {name(rng.choice(keys))}"]
        if kind == "load":
            return [f"load {quote(str(rng.choice(list(self.bundles.values()))))}"]
        self.saves += 1
        path = self.save_dir / f"save{self.saves}.avq"
        return [f"save {quote(str(path))}"] + (["matrix"] if s.layer else []) + ["subsets"]

    def invalid_command(self) -> str:
        """A command the binary must refuse (and leave the session as it was)."""
        rng, s = self.rng, self.session
        b = s.bundle
        names = [x.name for x in s.subsets]
        options = ["subset x = where in nosuch", "select layer nosuch",
                   f"subset {rng.choice(b.classes)} = where correct",
                   "subset where neuron 99 > 1", "subsets by nosuch", "subsets by source bins 3",
                   "subsets by length bins 65", "add #1", "remove nosuch", "members nosuch", "color by nosuch",
                   f"subset x = where label < {rng.choice(b.classes)}", "subset x = where length = abc",
                   'load "/nonexistent/bundle"', "subset x = where score NOPE > 0.5",
                   "subset x = where neuron 0 of layer nosuch > 1",
                   f"subset x = from {quote(str(self.id_list(bad=True)))}",
                   f"subset x = where in file {quote(str(self.id_list(bad=True)))}"]
        if s.layer is None:
            options.append("matrix")
        if names:
            chosen = name(rng.choice(names))
            options.append(f"subset {chosen} = where in {chosen} and neuron 99 > 1")
        return rng.choice(options)

    def violates(self, command: str, before: tuple) -> bool:
        """Whether ``command`` (already applied) triggers a bug in ``avoid``."""
        s = self.session
        if "load-color" in self.avoid and command.startswith("load ") and before[4].startswith("subset:"):
            return True
        if "stale-split" in self.avoid:
            names_before = {x.name for x in before[2]}
            if any(x.name in self.gone and x.name not in names_before for x in s.subsets):
                return True
        if "save-replay" in self.avoid and command.startswith("save ") and not naive_replay_faithful(s):
            return True
        return False

    def generate(self, length: int) -> list[str]:
        main = next(iter(self.bundles.values()))
        commands = [f"load {quote(str(main))}"]
        self.session.execute(commands[0])
        attempts = 0
        while len(commands) < length and attempts < length * 20:
            attempts += 1
            group = self.candidate()
            if not group:
                continue
            if group[0].startswith(INVALID):
                try:
                    self.session.execute(group[0][len(INVALID):])
                except ModelError:
                    commands += group
                    continue
                raise AssertionError(f"the model accepts {group[0]}")
            before = snapshot(self.session)
            try:
                for command in group:
                    self.session.execute(command)
            except ModelError:
                restore(self.session, before)
                continue
            if any(self.violates(c, before) for c in group):
                restore(self.session, before)
                continue
            if group[0].startswith("load "):
                self.gone = set()
            else:
                after = {x.name for x in self.session.subsets}
                self.gone |= {x.name for x in before[2]} - after
            commands += group
        return commands


def name(text: str) -> str:
    """A name as the generator writes it: a plain word as is, else quoted."""
    plain = text[:1].isalpha() or text[:1] == "_"
    return text if plain and all(c.isalnum() or c == "_" for c in text) else quote(text)


def snapshot(session: Session) -> tuple:
    return (session.bundle, session.layer, list(session.subsets), list(session.rows), session.color)


def restore(session: Session, state: tuple) -> None:
    session.bundle, session.layer, subsets, rows, session.color = state
    session.subsets, session.rows = list(subsets), list(rows)


def naive_replay_faithful(session: Session) -> bool:
    """Whether re-running each subset's definition in order, with the last selected
    layer (what ``save`` writes today), rebuilds the same members."""
    replay = Session(cache=session.cache)
    replay.bundle, replay.layer = session.bundle, session.layer
    for subset in session.subsets:
        how = subset.definition if subset.definition.startswith("from ") else "where " + subset.definition
        try:
            replay.execute(f"subset {name(subset.name)} = {how}")
        except ModelError:
            return False
        if not np.array_equal(replay.subset(subset.name).members, subset.members):
            return False
    return True


def generate(seed: int, bundles: dict[str, Path], save_dir: Path, length: int | None = None,
             avoid: set[str] | None = None) -> list[str]:
    """A valid sequence for ``seed``: ``load`` of the first bundle, then random commands."""
    rng = random.Random(seed)
    generator = Generator(rng, bundles, save_dir, set(avoid or ()))
    return generator.generate(length or rng.randint(8, 40))
