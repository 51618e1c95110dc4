// Package view owns every byte hexform prints about a plan or a result,
// one place per command, so the engine (reconcile) and the commands
// (cmd/hexform) never format output themselves:
//
//   - plan and show: the Terraform-like terminal text of a plan (PlanText,
//     coloured on a terminal), its GitHub-flavoured Markdown (PlanMarkdown,
//     cut to fit a size limit), and the choice between them and the plan
//     file's JSON (Plan);
//   - apply: the progress and outcome lines (ApplyProgress, ApplyOutcome),
//     the prompt, and the -o json report (ApplyReport);
//   - validate: the text, json and GitHub-annotation reports of the
//     diagnostics (Diagnostics);
//   - GitHub: the plan comment, the commit status, the drift issue and the
//     comments on an apply after a merge (PlanComment, CommitStatus,
//     DriftIssue, ApplyComment, RefusedComment); internal/ghub posts them;
//   - fmt --check's unified diff (UnifiedDiff), the Hex read progress and
//     retry lines (ReadProgress, RetryPrinter), and version (Version).
//
// Every string a workspace file, a target or a server supplies is escaped
// for where it lands first (MarkdownText, MarkdownCode; reconcile.EscapeText
// for a terminal line). Kind names come from the engine's kind registry
// (Kind.Title, Kind.Section, reconcile.Kinds), so a new kind needs no change
// here. The plan file itself is the engine's (reconcile.RenderJSON). Output
// is deterministic: the same input always prints the same bytes.
package view
