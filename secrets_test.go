package main

import (
	"encoding/base64"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/callscope/callscope/graph"
)

// echoToken is a JWT-shaped token long enough that pieces of it matter.
const echoToken = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJodHRwczovL2dyYXBoLm1pY3Jvc29mdC5jb20ifQ.c2lnbmF0dXJlLXRoYXQtaXMtc2VjcmV0LTEyMzQ1Njc4OQ"

// echoGraph is a Graph (or a proxy in front of it) that answers every
// request with an error echoing the bearer token, the way the test's name
// says: in a request-id header, in innerError, in the message, in a
// redirect's Location, or in an error page that is not JSON.
func echoGraph(t *testing.T, how string) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		auth := r.Header.Get("Authorization")
		switch how {
		case "header":
			w.Header().Set("request-id", auth)
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(400)
			fmt.Fprint(w, `{"error":{"code":"BadRequest","message":"no"}}`)
		case "innerError":
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(500)
			fmt.Fprintf(w, `{"error":{"code":"x","message":"no","innerError":{"request-id":%q}}}`, auth)
		case "message":
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(401)
			fmt.Fprintf(w, `{"error":{"code":"InvalidAuthenticationToken","message":"%s is bad; %s"}}`,
				auth, base64.StdEncoding.EncodeToString([]byte(auth)))
		case "redirect":
			http.Redirect(w, r, "http://"+echoToken+"/?a="+echoToken, http.StatusFound)
		case "page":
			w.Header().Set("Content-Type", "text/plain")
			w.WriteHeader(502)
			fmt.Fprintf(w, "bad gateway: %s", auth)
		}
	}))
	t.Cleanup(srv.Close)
	return srv
}

var echoes = []string{"header", "innerError", "message", "redirect", "page"}

func noTokenIn(t *testing.T, what, s string) {
	t.Helper()
	for _, p := range []string{echoToken, echoToken[:24], echoToken[len(echoToken)-24:], strings.Split(echoToken, ".")[1]} {
		if strings.Contains(s, p) {
			t.Errorf("%s holds the token: %q", what, s)
			return
		}
	}
}

// TestTokenNeverOnStderr: whatever Graph echoes, the command line's one
// line of error never shows the token.
func TestTokenNeverOnStderr(t *testing.T) {
	t.Setenv("CALLSCOPE_ACCESS_TOKEN", echoToken)
	for _, how := range echoes {
		t.Run(how, func(t *testing.T) {
			t.Setenv("CALLSCOPE_GRAPH_URL", echoGraph(t, how).URL)
			for _, args := range [][]string{
				{"report", "--id", demoID},
				{"report", "--id", demoID, "--allow-partial"},
				{"list", "--since", "1h", "--format", "json"},
			} {
				code, out, errs := runCLI(t, "", args...)
				if code != 1 || errs == "" {
					t.Errorf("%v: exit %d, stderr %q", args, code, errs)
				}
				noTokenIn(t, fmt.Sprint(args, " stderr"), errs)
				noTokenIn(t, fmt.Sprint(args, " stdout"), out)
			}
		})
	}
}

// A failed sign-in is one line on stderr; CALLSCOPE_DEBUG=1 adds the
// Azure SDK's account after it (issue 13).
func TestSignInErrorDebug(t *testing.T) {
	err := fmt.Errorf("wrapped: %w", &graph.SignInError{Msg: "no credentials for Microsoft Graph: set X", Detail: "DefaultAzureCredential: failed.\n\tEnvironmentCredential: missing AZURE_TENANT_ID\n"})
	for debug, want := range map[string]string{
		"":  "callscope: wrapped: no credentials for Microsoft Graph: set X\n",
		"0": "callscope: wrapped: no credentials for Microsoft Graph: set X\n",
		"1": "callscope: wrapped: no credentials for Microsoft Graph: set X\ncallscope: debug: the Azure SDK says:\nDefaultAzureCredential: failed.\n\tEnvironmentCredential: missing AZURE_TENANT_ID\n",
	} {
		var b strings.Builder
		printError(&b, err, func(k string) string {
			if k == graph.EnvDebug {
				return debug
			}
			return ""
		})
		if b.String() != want {
			t.Errorf("CALLSCOPE_DEBUG=%q: %q, want %q", debug, b.String(), want)
		}
	}
}
