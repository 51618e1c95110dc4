// Package view owns how hexform prints plans and results: the Terraform-like
// terminal text of a plan (PlanText, coloured on a terminal) and its
// GitHub-flavoured Markdown for a pull-request comment or a job summary
// (PlanMarkdown, cut to fit a size limit), with the escaping every string
// from a workspace file, a target or a server goes through first
// (MarkdownText, MarkdownCode; reconcile.EscapeText for a terminal line).
//
// The engine, reconcile, decides what a plan is and writes the plan file
// (reconcile.RenderJSON); this package only shows it. Kind names come from
// the engine's kind registry (Kind.Title, Kind.Section, reconcile.Kinds), so
// a new kind needs no change here. Output is deterministic: the same plan
// always prints the same bytes.
package view
