"""activis.transformers.record on a small randomly initialised BERT built from a config, with
a word-level tokenizer built here (nothing is downloaded): the recorded rows equal the
model's hidden states pooled by hand over the attention mask, with padding of different
lengths in one batch."""

from __future__ import annotations

import json
import os

import numpy as np
import pytest

torch = pytest.importorskip("torch")
transformers = pytest.importorskip("transformers")
tokenizers = pytest.importorskip("tokenizers")

import activis.transformers  # noqa: E402

WORDS = ["what", "is", "the", "origin", "of", "chess", "who", "was", "ada", "where", "how", "many", "legs"]
TEXTS = ["what is the origin of chess", "who was ada", "how many legs", "where is the chess of ada ada ada",
         "what", "who was the origin of how many legs"]
CLASSES = ["DESC", "HUM", "NUM"]


@pytest.fixture(scope="module")
def model_and_tokenizer():
    vocab = {"[PAD]": 0, "[UNK]": 1, "[CLS]": 2, "[SEP]": 3, **{w: i + 4 for i, w in enumerate(WORDS)}}
    core = tokenizers.Tokenizer(tokenizers.models.WordLevel(vocab, unk_token="[UNK]"))
    core.pre_tokenizer = tokenizers.pre_tokenizers.Whitespace()
    core.post_processor = tokenizers.processors.TemplateProcessing(
        single="[CLS] $A [SEP]", special_tokens=[("[CLS]", 2), ("[SEP]", 3)])
    tokenizer = transformers.PreTrainedTokenizerFast(tokenizer_object=core, pad_token="[PAD]", unk_token="[UNK]",
                                                     cls_token="[CLS]", sep_token="[SEP]")
    torch.manual_seed(0)
    config = transformers.BertConfig(vocab_size=len(vocab), hidden_size=16, num_hidden_layers=2,
                                     num_attention_heads=2, intermediate_size=32, num_labels=len(CLASSES),
                                     id2label=dict(enumerate(CLASSES)), label2id={c: i for i, c in enumerate(CLASSES)})
    model = transformers.BertForSequenceClassification(config).eval()
    return model, tokenizer


def by_hand(model, tokenizer, pool):
    """The texts run in one padded batch and pooled with plain loops over the real tokens."""
    batch = tokenizer(TEXTS, padding=True, return_tensors="pt")
    with torch.no_grad():
        output = model(**batch, output_hidden_states=True)
    mask = batch["attention_mask"].numpy()
    assert len(set(mask.sum(axis=1))) > 2, "the batch must mix padding lengths"
    layers = {}
    for k in range(1, len(output.hidden_states)):
        hidden = output.hidden_states[k].numpy()
        rows = []
        for i in range(len(TEXTS)):
            real = hidden[i][mask[i] == 1]
            rows.append(real.mean(axis=0) if pool == "mean" else real.max(axis=0) if pool == "max" else hidden[i][0])
        layers[f"layer_{k}"] = np.array(rows)
    return layers, output.logits.numpy()


@pytest.mark.parametrize("pool", ["mean", "max", "cls"])
def test_recorded_rows_are_the_pooled_hidden_states(model_and_tokenizer, tmp_path, pool):
    model, tokenizer = model_and_tokenizer
    out = str(tmp_path / "bert")
    # Batches of 4 and 2: each pads to its own longest text, unlike the reference batch.
    activis.transformers.record(model, tokenizer, TEXTS, out, labels=[0, 1, 2, 0, 0, 1], pool=pool, batch_size=4)
    expected, logits = by_hand(model, tokenizer, pool)
    manifest = json.load(open(os.path.join(out, "activis.json")))
    assert [layer["name"] for layer in manifest["layers"]] == ["layer_1", "layer_2", "logits"]
    assert manifest["classes"] == CLASSES
    for name, rows in expected.items():
        recorded = np.load(os.path.join(out, "activations", f"{name}.npy"))
        np.testing.assert_allclose(recorded, rows, rtol=1e-4, atol=1e-5)
    np.testing.assert_allclose(np.load(os.path.join(out, "activations", "logits.npy")), logits, rtol=1e-4, atol=1e-5)
    instances = open(os.path.join(out, "instances.csv"), encoding="utf-8").read().splitlines()
    header = instances[0].split(",")
    assert header[:4] == ["id", "text", "label", "predicted"] and "score:NUM" in header
    predicted = [line.split(",")[3] for line in instances[1:]]
    assert predicted == [CLASSES[k] for k in logits.argmax(axis=1)]
    assert os.path.exists(os.path.join(out, "graph.json"))


def test_layers_and_bad_pool(model_and_tokenizer, tmp_path):
    model, tokenizer = model_and_tokenizer
    out = str(tmp_path / "b")
    activis.transformers.record(model, tokenizer, TEXTS, out, layers=["embeddings", 2])
    manifest = json.load(open(os.path.join(out, "activis.json")))
    assert [layer["name"] for layer in manifest["layers"]] == ["embeddings", "layer_2", "logits"]
    with pytest.raises(ValueError, match="pool"):
        activis.transformers.record(model, tokenizer, TEXTS, str(tmp_path / "c"), pool="median")
    with pytest.raises(ValueError, match="unknown layer"):
        activis.transformers.record(model, tokenizer, TEXTS, str(tmp_path / "d"), layers=[7])
