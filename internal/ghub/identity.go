package ghub

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/google/go-github/v60/github"
)

// ActionsBot is the login GitHub Actions' own token (GITHUB_TOKEN) writes
// comments and issues as.
const ActionsBot = "github-actions[bot]"

// LoginVar names the variable that sets the login hexform's token writes
// as, for tokens GitHub will not name (a GitHub App's: "my-app[bot]").
const LoginVar = "HEXFORM_GITHUB_LOGIN"

// Identity returns the login hexform's token writes as, which is how its
// own comments and issues are told from anyone else's: Env.Login when set;
// else the token's user (GET /user, for a personal token); else, when
// GitHub refuses that call to an integration's token as it does for the
// Actions token, ActionsBot. The answer is kept for the client's life.
func (c *Client) Identity(ctx context.Context) (string, error) {
	if c.login != "" {
		return c.login, nil
	}
	u, _, err := c.gh.Users.Get(ctx, "")
	switch {
	case err == nil && u.GetLogin() != "":
		c.login = u.GetLogin()
	case integrationToken(err):
		c.login = ActionsBot
	case err == nil:
		return "", errors.New("github: find the token's user: GitHub answered without a login; set " + LoginVar + " to the login the token writes as")
	default:
		err = c.wrap("find the token's user", "", err)
		var ae *APIError
		if errors.As(err, &ae) && ae.Kind == KindPermission {
			err = fmt.Errorf("%w; or set %s to the login the token writes as", err, LoginVar)
		}
		return "", err
	}
	return c.login, nil
}

// integrationToken reports whether err is GitHub refusing GET /user to an
// installation token (the Actions token or a GitHub App's).
func integrationToken(err error) bool {
	var er *github.ErrorResponse
	return errors.As(err, &er) && er.Response != nil && er.Response.StatusCode == http.StatusForbidden &&
		strings.Contains(er.Message, "not accessible by integration")
}

// byIdentity reports whether login is the client's identity (logins are
// case-insensitive).
func byIdentity(login, identity string) bool {
	return login != "" && strings.EqualFold(login, identity)
}
