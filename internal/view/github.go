package view

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	"github.com/hashicorp/go-multierror"
	"github.com/hexform/hexform/internal/ghub"
	"github.com/hexform/hexform/reconcile"
)

// CommentLimit is GitHub's maximum comment body, less room for the marker
// hexform finds its own comments by.
const CommentLimit = 65536 - 512

// maxReason bounds one change's error message in the apply comment; the job
// log has it whole.
const maxReason = 300

// PlanComment is the body of the plan comment on a pull request: the plan
// in Markdown, cut to fit, under the machine-readable line recording its
// hash that apply --github-reviewed-plan reads after the merge; or, for a
// plan that breaks an invariant (invariant not nil), under a caution that
// says why it cannot be applied and with no hash to apply.
func PlanComment(p *reconcile.Plan, invariant error) (string, error) {
	var buf bytes.Buffer
	if invariant != nil {
		fmt.Fprintf(&buf, "> [!CAUTION]\n> **This plan cannot be applied:** %s\n\n", MarkdownText(invariant.Error()))
	} else {
		fmt.Fprintf(&buf, "%s\n", ghub.PlanHashLine(p.Hash()))
	}
	if err := PlanMarkdown(&buf, p, Options{MaxBytes: CommentLimit - buf.Len()}); err != nil {
		return "", err
	}
	return buf.String(), nil
}

// JobSummaryLimit is GitHub's limit on what one step writes to the job
// summary ($GITHUB_STEP_SUMMARY): 1 MiB.
const JobSummaryLimit = 1 << 20

// JobSummary is the plan in Markdown for the job summary, cut to fit
// JobSummaryLimit as a comment is cut (every kind keeps its place).
func JobSummary(p *reconcile.Plan) string {
	var buf bytes.Buffer
	_ = PlanMarkdown(&buf, p, Options{MaxBytes: JobSummaryLimit})
	return buf.String()
}

// DriftIssue is the title and body of the issue a scheduled plan keeps
// open while the workspace differs from its workspace file.
func DriftIssue(p *reconcile.Plan) (title, body string, err error) {
	var buf bytes.Buffer
	if err := PlanMarkdown(&buf, p, Options{MaxBytes: CommentLimit}); err != nil {
		return "", "", err
	}
	title = fmt.Sprintf("hexform: workspace %s drifted from its workspace file", reconcile.EscapeText(p.Workspace))
	return title, buf.String(), nil
}

// CommitStatus is the state and description of the "hexform/plan" commit
// status: success with the plan's counts ("2 to create, 1 blocked"), or
// failure when a change is blocked or the plan breaks an invariant.
func CommitStatus(p *reconcile.Plan, invariant error) (state, description string) {
	state, description = "success", p.Summary.Brief()
	if p.Summary.Blocked > 0 {
		state = "failure"
	}
	if invariant != nil {
		state, description = "failure", "breaks an invariant: "+description
	}
	return state, description
}

// RefusedComment is the comment saying nothing was applied after a merge,
// and why, with the plan computed at the merge; reviewed is the plan the
// pull request showed, when one was found.
func RefusedComment(p *reconcile.Plan, genv ghub.Env, reviewed *ghub.ReviewedPlan, why string) string {
	var b bytes.Buffer
	fmt.Fprintf(&b, "## hexform applied nothing to %s\n\n", MarkdownCode(orUnnamed(p.Workspace)))
	fmt.Fprintf(&b, "> [!CAUTION]\n> %s\n\n", MarkdownText(why))
	if reviewed != nil {
		fmt.Fprintf(&b, "[Reviewed plan](%s) hash: %s  \nPlan at commit %s: %s%s\n\n", reviewed.CommentURL,
			MarkdownCode(reviewed.Hash), MarkdownCode(reconcile.ShortCommit(genv.SHA)), MarkdownCode(p.Hash()), runLink(genv))
	}
	fmt.Fprintf(&b, "Review the plan below. To apply it, run the apply workflow by hand with its hash (`hexform apply --expect-plan HASH`), or change the workspace file in a new pull request.\n\n")
	_ = PlanMarkdown(&b, p, Options{MaxBytes: CommentLimit - b.Len()})
	return b.String()
}

// ApplyComment is the comment reporting an apply of the reviewed plan
// (hash): what failed, was skipped or not started (with why), what stays
// blocked, what is left to do by hand, and what was applied. Every id and
// message is escaped for Markdown, and the comment is cut to fit.
func ApplyComment(p *reconcile.Plan, genv ghub.Env, hash string, r *reconcile.ApplyResult) string {
	var b strings.Builder
	fmt.Fprintf(&b, "## hexform apply to %s\n\n", MarkdownCode(orUnnamed(p.Workspace)))
	fmt.Fprintf(&b, "Applied the plan reviewed on this pull request (plan hash %s) at commit %s to %s%s.\n\n",
		MarkdownCode(hash), MarkdownCode(reconcile.ShortCommit(genv.SHA)), MarkdownCode(orUnnamed(p.Target)), runLink(genv))
	if !p.HasChanges() {
		b.WriteString("The plan has no changes: nothing to apply.\n")
		return b.String()
	}
	fmt.Fprintf(&b, "**Apply complete: %d applied, %d failed, %d skipped, %d blocked, %d manual, %d not started.**\n\n",
		len(r.Applied), len(r.Failed), len(r.Skipped), len(r.Blocked), len(r.Manual), len(r.NotStarted))
	why := reasons(r.Err)
	applySection(&b, "Failed", "", r.Failed, why)
	applySection(&b, "Skipped", "A change they depend on did not apply.", r.Skipped, why)
	applySection(&b, "Not started", "The apply was interrupted; run it again to carry these out.", r.NotStarted, why)
	if len(r.Blocked) > 0 {
		fmt.Fprintf(&b, "### Blocked\n\nThese need confirmation: add them under `confirm:` in the workspace file in a new pull request.\n\n")
		for _, id := range r.Blocked {
			fmt.Fprintf(&b, "- %s\n", MarkdownCode(id))
		}
		b.WriteString("\n")
	}
	applyChecklist(&b, "Left to do by hand", "The target cannot make these changes; do them in the admin panel.", r.Manual)
	applyChecklist(&b, "Check by hand", "The target cannot read these kinds; check them in the admin panel.", r.Unverifiable)
	if len(r.Applied) > 0 {
		fmt.Fprintf(&b, "<details><summary>Applied (%d)</summary>\n\n", len(r.Applied))
		for _, id := range r.Applied {
			fmt.Fprintf(&b, "- %s\n", MarkdownCode(id))
		}
		b.WriteString("\n</details>\n")
	}
	return fitComment(b.String())
}

// fitComment cuts an apply comment longer than CommentLimit at a line,
// closing an open <details> and saying where the rest is.
func fitComment(out string) string {
	if len(out) <= CommentLimit {
		return out
	}
	out = out[:strings.LastIndexByte(out[:CommentLimit-200], '\n')+1]
	if strings.Count(out, "<details>") > strings.Count(out, "</details>") {
		out += "\n</details>\n"
	}
	return out + "\n---\n_This comment is cut to fit; the job log has the whole outcome._\n"
}

func applySection(b *strings.Builder, title, intro string, ids []string, why map[string]string) {
	if len(ids) == 0 {
		return
	}
	fmt.Fprintf(b, "### %s\n\n", title)
	if intro != "" {
		fmt.Fprintf(b, "%s\n\n", intro)
	}
	for _, id := range ids {
		if msg := why[id]; msg != "" {
			fmt.Fprintf(b, "- %s: %s\n", MarkdownCode(id), MarkdownText(msg))
		} else {
			fmt.Fprintf(b, "- %s\n", MarkdownCode(id))
		}
	}
	b.WriteString("\n")
}

func applyChecklist(b *strings.Builder, title, intro string, ids []string) {
	if len(ids) == 0 {
		return
	}
	fmt.Fprintf(b, "### %s\n\n%s\n\n", title, intro)
	for _, id := range ids {
		fmt.Fprintf(b, "- [ ] %s\n", MarkdownCode(id))
	}
	b.WriteString("\n")
}

// reasons maps each change id in err (an apply's aggregated error) to its
// message, cut to maxReason characters.
func reasons(err error) map[string]string {
	out := map[string]string{}
	var all *multierror.Error
	if !errors.As(err, &all) {
		return out
	}
	for _, e := range all.Errors {
		var ce *reconcile.ChangeError
		if errors.As(e, &ce) && ce.Err != nil {
			msg := []rune(ce.Err.Error())
			if len(msg) > maxReason {
				msg = append(msg[:maxReason-1], '…')
			}
			out[ce.ChangeID] = string(msg)
		}
	}
	return out
}

// runLink is a link to the workflow run, or "" outside one.
func runLink(genv ghub.Env) string {
	if u := genv.RunURL(); u != "" {
		return " ([the run](" + u + "))"
	}
	return ""
}
