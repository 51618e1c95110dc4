package main

import (
	"errors"
	"fmt"
	"strings"

	"github.com/hashicorp/go-multierror"
	"github.com/hexform/hexform/internal/ghub"
	"github.com/hexform/hexform/internal/view"
	"github.com/hexform/hexform/reconcile"
)

// maxReason bounds one change's error message in the apply comment; the job
// log has it whole.
const maxReason = 300

// resultMarkdown is the comment reporting an apply of the reviewed plan:
// what failed, was skipped or not started (with why), what stays blocked,
// what is left to do by hand, and what was applied. Every id and message
// is escaped for Markdown.
func resultMarkdown(p *reconcile.Plan, genv ghub.Env, hash string, r *reconcile.ApplyResult) string {
	var b strings.Builder
	fmt.Fprintf(&b, "## hexform apply to %s\n\n", view.MarkdownCode(orNone(p.Workspace)))
	fmt.Fprintf(&b, "Applied the plan reviewed on this pull request (plan hash %s) at commit %s to %s%s.\n\n",
		view.MarkdownCode(hash), view.MarkdownCode(shortSHA(genv.SHA)), view.MarkdownCode(orNone(p.Target)), runLink(genv))
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
			fmt.Fprintf(&b, "- %s\n", view.MarkdownCode(id))
		}
		b.WriteString("\n")
	}
	applyChecklist(&b, "Left to do by hand", "The target cannot make these changes; do them in the admin panel.", r.Manual)
	applyChecklist(&b, "Check by hand", "The target cannot read these kinds; check them in the admin panel.", r.Unverifiable)
	if len(r.Applied) > 0 {
		fmt.Fprintf(&b, "<details><summary>Applied (%d)</summary>\n\n", len(r.Applied))
		for _, id := range r.Applied {
			fmt.Fprintf(&b, "- %s\n", view.MarkdownCode(id))
		}
		b.WriteString("\n</details>\n")
	}
	out := b.String()
	if len(out) > githubCommentLimit {
		out = out[:strings.LastIndexByte(out[:githubCommentLimit-200], '\n')+1]
		if strings.Count(out, "<details>") > strings.Count(out, "</details>") {
			out += "\n</details>\n"
		}
		out += "\n---\n_This comment is cut to fit; the job log has the whole outcome._\n"
	}
	return out
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
			fmt.Fprintf(b, "- %s: %s\n", view.MarkdownCode(id), view.MarkdownText(msg))
		} else {
			fmt.Fprintf(b, "- %s\n", view.MarkdownCode(id))
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
		fmt.Fprintf(b, "- [ ] %s\n", view.MarkdownCode(id))
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
