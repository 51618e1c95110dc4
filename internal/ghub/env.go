package ghub

import (
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"strings"

	"github.com/hashicorp/go-multierror"
)

// DefaultAPIURL is used when GITHUB_API_URL is unset (github.com).
const DefaultAPIURL = "https://api.github.com"

// Env is the GitHub Actions environment hexform uses.
type Env struct {
	Token      string // GITHUB_TOKEN
	Repository string // GITHUB_REPOSITORY, "owner/name"
	EventPath  string // GITHUB_EVENT_PATH, the event's JSON payload
	SHA        string // GITHUB_SHA
	APIURL     string // GITHUB_API_URL; DefaultAPIURL when unset
	EventName  string // GITHUB_EVENT_NAME, e.g. "pull_request"
	ServerURL  string // GITHUB_SERVER_URL, for links to the run (optional)
	RunID      string // GITHUB_RUN_ID, for links to the run (optional)
	// Login is the login the token writes as (HEXFORM_GITHUB_LOGIN,
	// optional): see Client.Identity.
	Login string
}

// String describes e without the token.
func (e Env) String() string {
	tok := "unset"
	if e.Token != "" {
		tok = "set"
	}
	return fmt.Sprintf("github env{repository: %q, api: %q, event: %q, sha: %q, token: %s}",
		e.Repository, e.APIURL, e.EventName, e.SHA, tok)
}

// GoString is String, so %#v does not print the token either.
func (e Env) GoString() string { return e.String() }

// EnvError reports a missing or malformed environment variable.
type EnvError struct {
	Var     string // e.g. "GITHUB_TOKEN"
	Problem string // e.g. "is not set"
	Fix     string // what to change
}

func (e *EnvError) Error() string {
	return fmt.Sprintf("%s %s: %s", e.Var, e.Problem, e.Fix)
}

// EnvFromGetenv reads the Actions environment through getenv. GITHUB_TOKEN
// and GITHUB_REPOSITORY are required; the event variables are checked by
// PullRequest. All problems are reported together (as *EnvError values in a
// *multierror.Error); the returned Env holds what could be read.
func EnvFromGetenv(getenv func(string) string) (Env, error) {
	e := Env{
		Token:      getenv("GITHUB_TOKEN"),
		Repository: strings.TrimSpace(getenv("GITHUB_REPOSITORY")),
		EventPath:  getenv("GITHUB_EVENT_PATH"),
		SHA:        strings.TrimSpace(getenv("GITHUB_SHA")),
		APIURL:     strings.TrimSpace(getenv("GITHUB_API_URL")),
		EventName:  strings.TrimSpace(getenv("GITHUB_EVENT_NAME")),
		ServerURL:  strings.TrimSpace(getenv("GITHUB_SERVER_URL")),
		RunID:      strings.TrimSpace(getenv("GITHUB_RUN_ID")),
		Login:      strings.TrimSpace(getenv(LoginVar)),
	}
	if e.APIURL == "" {
		e.APIURL = DefaultAPIURL
	}
	var errs *multierror.Error
	if e.Token == "" {
		errs = multierror.Append(errs, errNoToken())
	}
	if _, _, err := e.ownerRepo(); err != nil {
		errs = multierror.Append(errs, err)
	}
	if _, err := e.apiBase(); err != nil {
		errs = multierror.Append(errs, err)
	}
	if errs != nil {
		errs.ErrorFormat = listErrors
	}
	return e, errs.ErrorOrNil()
}

func listErrors(errs []error) string {
	if len(errs) == 1 {
		return errs[0].Error()
	}
	lines := make([]string, len(errs))
	for i, err := range errs {
		lines[i] = "  " + err.Error()
	}
	return fmt.Sprintf("%d problems with the github environment:\n%s", len(errs), strings.Join(lines, "\n"))
}

func errNoToken() error {
	return &EnvError{Var: "GITHUB_TOKEN", Problem: "is not set",
		Fix: "pass it to the step with `env: GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}`"}
}

func (e Env) ownerRepo() (owner, repo string, err error) {
	if e.Repository == "" {
		return "", "", &EnvError{Var: "GITHUB_REPOSITORY", Problem: "is not set",
			Fix: "GitHub Actions sets it; elsewhere export GITHUB_REPOSITORY=owner/name"}
	}
	owner, repo, ok := strings.Cut(e.Repository, "/")
	if !ok || owner == "" || repo == "" || strings.Contains(repo, "/") {
		return "", "", &EnvError{Var: "GITHUB_REPOSITORY", Problem: fmt.Sprintf("is %q", e.Repository),
			Fix: "it must be owner/name, e.g. acme/hex-admin"}
	}
	return owner, repo, nil
}

// apiBase parses APIURL into go-github's base URL (with a trailing slash).
func (e Env) apiBase() (*url.URL, error) {
	raw := e.APIURL
	if raw == "" {
		raw = DefaultAPIURL
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return nil, &EnvError{Var: "GITHUB_API_URL", Problem: fmt.Sprintf("is %q, not an http(s) URL", raw),
			Fix: "leave it unset for github.com, or set it to your GitHub Enterprise API, e.g. https://github.example.com/api/v3"}
	}
	if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
	}
	return u, nil
}

// RunURL links to the workflow run, or is "" when GITHUB_RUN_ID is unset.
func (e Env) RunURL() string {
	if e.RunID == "" || e.Repository == "" {
		return ""
	}
	server := strings.TrimSuffix(e.ServerURL, "/")
	if server == "" {
		server = "https://github.com"
	}
	return server + "/" + e.Repository + "/actions/runs/" + e.RunID
}

// PullRequest returns the number and head commit of the pull request the
// run was triggered by, read from the pull_request (or
// pull_request_target) event payload at GITHUB_EVENT_PATH.
func (e Env) PullRequest() (number int, headSHA string, err error) {
	if e.EventName != "" && e.EventName != "pull_request" && e.EventName != "pull_request_target" {
		return 0, "", &EnvError{Var: "GITHUB_EVENT_NAME", Problem: fmt.Sprintf("is %q, not a pull request event", e.EventName),
			Fix: "run this step in a workflow triggered `on: pull_request`, or drop --github-comment/--github-status"}
	}
	if e.EventPath == "" {
		return 0, "", &EnvError{Var: "GITHUB_EVENT_PATH", Problem: "is not set",
			Fix: "GitHub Actions sets it; elsewhere point it at a pull_request event JSON file"}
	}
	data, err := os.ReadFile(e.EventPath)
	if err != nil {
		return 0, "", &EnvError{Var: "GITHUB_EVENT_PATH", Problem: "names a file that cannot be read",
			Fix: fmt.Sprintf("check the path (%v)", err)}
	}
	var ev struct {
		PullRequest *struct {
			Number int `json:"number"`
			Head   struct {
				SHA string `json:"sha"`
			} `json:"head"`
		} `json:"pull_request"`
	}
	if err := json.Unmarshal(data, &ev); err != nil {
		return 0, "", &EnvError{Var: "GITHUB_EVENT_PATH", Problem: "names a file that is not JSON",
			Fix: fmt.Sprintf("it must hold the event payload (%v)", err)}
	}
	if ev.PullRequest == nil || ev.PullRequest.Number <= 0 || ev.PullRequest.Head.SHA == "" {
		return 0, "", &EnvError{Var: "GITHUB_EVENT_PATH", Problem: "holds no pull request (number and head.sha)",
			Fix: "run this step in a workflow triggered `on: pull_request`"}
	}
	return ev.PullRequest.Number, ev.PullRequest.Head.SHA, nil
}
