/// # The catalogue of bad input
///
/// One table per area; every row is a test case with the message or behaviour it expects.
/// The Core suites (`Tests/ActivisCoreTests/Bundle*`, `InstancesCSVTests`, `NpyHeaderTests`,
/// `ManifestTests`, `GraphFileTests`) already cover the reader's own refusals; the cases here fill
/// their gaps and go through the shell, as a user meets them.
///
/// | file | area | cases |
/// |---|---|---|
/// | `BadBundleCatalogue` (cases in `BadManifestFaults`, `BadInstancesFaults`, `BadGraphFaults`) | every refusal docs/bundle-format.md promises, through `load`: the exact message (file, line, column, text, the command and its caret), exit status 1 and nothing on standard output from the binary, and the bundle loaded before stays loaded | no bundle, no or a directory or empty or truncated manifest, a key twice, `format`/`version` missing or wrong, major version 2, fields of the wrong type, layers without a name or a file, both `file` and `files`, empty `files`, classes twice or empty, two layers of one name, absolute, empty, `..` and symbolic-link paths out, missing instances, layer and graph files, a layer file that is a directory, neuron names of the wrong number, rows that do not add up (one file or shards), shards of different widths; empty, BOM-only, unterminated-quote, text after a quote, ragged (short, long), unnamed, DataFrame-index and repeated columns, no `id`, empty, non-integer, negative, too large, repeated ids, a non-number score, a label, prediction or score class not in the classes; empty, truncated graphs, no `nodes`, a node without an id or with an empty or repeated id, a bad kind or shape, an unknown input or output, a cycle, a layer's node not in the graph. `.npy` contents: only zero-byte and cut magic, loosely (NpyHeaderTests has the rest) |
/// | `DegenerateDataCatalogue` | valid but degenerate bundles: every command works or says why in one message | zero instances, zero neurons, one instance, NaN/±∞ activations, no layers or labels; the matrix text, matrix JSON and `neurons` say how many NaN/∞ values they left out; projections of too few instances or too few finite rows are refused, exactly; a projection leaves non-finite rows out and says so |
/// | `TextInputCatalogue` | awkward text | bytes that are not UTF-8 (one counting warning, exact; a known issue: not printed in csv), BOM and CR LF, a 10 MB CSV field, a 1 MB command line, 100,000 nested parentheses and `not`s, 50,000-term `and` chains, a backtracking regular expression (gives up after 2 s per text, stops at once on Ctrl-C) |
/// | `ExportCatalogue` | exports | missing directory, path through a regular file, a directory, a read-only file system, an empty name; the named file alone is replaced, wholly, keeping its permissions; a write that fails half-way (file size limit) leaves the old file and no temporary file |
/// | `ReadOnlyBundleTests` | activis never writes into a bundle | a `chmod -R a-w` bundle, every command, exports elsewhere; content hash, size and mtime of every file unchanged |
/// | `SessionStateCatalogue` | failed commands leave the session whole | redefined subsets, class-name clashes, unknown neurons, subsets, layers and ids, a bad regular expression |
/// | `InterruptionTests` | SIGINT to the binary in batch mode | stops a backtracking match mid-text, status 130, even when started with SIGINT blocked |
/// | `FuzzRegressionTests` | inputs the fuzz targets found crashing | completion with the cursor inside a multi-byte character |
///
/// The interactive shell (Ctrl-C during t-SNE, Ctrl-C at the prompt, Ctrl-D, history) is tested in a
/// real terminal by `Tests/e2e/test_interactive.py` (tmux).
enum Catalogue {}
