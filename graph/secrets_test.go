package graph

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// tokenPieces are the forms of the token that must never be printed: the
// token, "Bearer <token>", each part of the JWT that is long enough to
// matter, a truncated echo, and the token as base64.
func tokenPieces(token string) []string {
	pieces := []string{token, "Bearer " + token, token[:20], token[len(token)-18:],
		base64.StdEncoding.EncodeToString([]byte(token)), base64.StdEncoding.EncodeToString([]byte("Bearer " + token))}
	for _, part := range strings.Split(token, ".") {
		if len(part) >= 16 {
			pieces = append(pieces, part)
		}
	}
	return pieces
}

// leakToken is a token long enough to be cut into pieces that still say
// too much, with characters a JWT has.
const leakToken = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJodHRwczovL2dyYXBoLm1pY3Jvc29mdC5jb20ifQ.c2lnbmF0dXJlLXRoYXQtaXMtc2VjcmV0LTEyMzQ1Njc4OQ"

func checkNoToken(t *testing.T, what, s string) {
	t.Helper()
	for _, p := range tokenPieces(leakToken) {
		if strings.Contains(s, p) {
			t.Errorf("%s holds the token (%.24s…): %q", what, p, s)
			return
		}
	}
}

// TestTokenNeverInErrors: a server (or a proxy) that echoes the bearer token
// in every place a response can carry text. No error, warning or error field
// holds the token or a recognisable piece of it.
func TestTokenNeverInErrors(t *testing.T) {
	bearer := "Bearer " + leakToken
	b64 := base64.StdEncoding.EncodeToString([]byte(bearer))
	cases := map[string]func(w http.ResponseWriter, r *http.Request){
		"request-id header": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("request-id", r.Header.Get("Authorization"))
			writeJSON(w, 400, `{"error":{"code":"BadRequest","message":"no"}}`)
		},
		"innerError request-id": func(w http.ResponseWriter, r *http.Request) {
			writeJSON(w, 500, fmt.Sprintf(`{"error":{"code":"x","message":"no","innerError":{"request-id":%q,"client-request-id":%q}}}`,
				r.Header.Get("Authorization"), leakToken))
		},
		"code and message": func(w http.ResponseWriter, r *http.Request) {
			writeJSON(w, 401, fmt.Sprintf(`{"error":{"code":%q,"message":"token %s was rejected; base64 %s; cut %s…"}}`,
				leakToken, r.Header.Get("Authorization"), b64, leakToken[:40]))
		},
		"text error page": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/plain")
			w.WriteHeader(502)
			fmt.Fprintf(w, "proxy: upstream refused header Authorization: %s", r.Header.Get("Authorization"))
		},
		"html error page": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html")
			w.WriteHeader(403)
			fmt.Fprintf(w, "<html><body>Denied for %s</body></html>", r.Header.Get("Authorization"))
		},
		"200 that is not JSON": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/plain")
			fmt.Fprintf(w, "%s is not allowed here", leakToken)
		},
		"redirect to a host named by the token": func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, "http://"+leakToken+"/v1.0/?t="+url.QueryEscape(bearer), http.StatusFound)
		},
		"nextLink to another host quoting the token": func(w http.ResponseWriter, r *http.Request) {
			writeJSON(w, 200, `{"value":[],"@odata.nextLink":"https://`+leakToken+`.example/x?token=`+leakToken+`"}`)
		},
	}
	for name, answer := range cases {
		t.Run(name, func(t *testing.T) {
			f := newFakeGraph(t, 1, 1)
			f.token = leakToken
			f.hook = func(w http.ResponseWriter, r *http.Request, n int) bool {
				answer(w, r)
				return true
			}
			c := f.client(newFakeClock())
			_, _, err := c.FetchRecord(context.Background(), f.id, false)
			if err == nil {
				t.Fatal("no error")
			}
			checkNoToken(t, "FetchRecord's error", err.Error())
			var he *HTTPError
			if errors.As(err, &he) {
				checkNoToken(t, "HTTPError fields", he.Code+" "+he.Message+" "+he.RequestID+" "+he.Error())
			}
			var ne *NetworkError
			if errors.As(err, &ne) {
				checkNoToken(t, "NetworkError", ne.Host+" "+ne.Error()+" "+ne.Err.Error())
			}
			_, err = c.List(context.Background(), ListOptions{})
			if err == nil {
				t.Fatal("List: no error")
			}
			checkNoToken(t, "List's error", err.Error())

			// A later page failing the same way, with allowPartial: the
			// warnings quote the error.
			f.hook = func(w http.ResponseWriter, r *http.Request, n int) bool {
				if strings.HasSuffix(r.URL.Path, "/participants_v2") {
					answer(w, r)
					return true
				}
				return false
			}
			_, warnings, err := f.client(newFakeClock()).FetchRecord(context.Background(), f.id, true)
			if err != nil {
				checkNoToken(t, "allowPartial error", err.Error())
			}
			checkNoToken(t, "warnings", strings.Join(warnings, "\n"))
		})
	}
}

func TestScrub(t *testing.T) {
	secrets := []string{leakToken}
	for _, in := range []string{
		leakToken,
		"Bearer " + leakToken,
		"x" + leakToken + "y",
		url.QueryEscape("Bearer " + leakToken),
		base64.StdEncoding.EncodeToString([]byte("Bearer " + leakToken)),
		base64.RawURLEncoding.EncodeToString([]byte(leakToken)),
		"cut: " + leakToken[:30] + "…",
		"tail: …" + leakToken[len(leakToken)-20:],
		"sig=" + strings.Split(leakToken, ".")[2],
	} {
		out := scrub(in, secrets)
		checkNoToken(t, fmt.Sprintf("scrub(%.40q)", in), out)
		if !strings.Contains(out, "[token]") {
			t.Errorf("scrub(%.40q) = %q: no [token] mark", in, out)
		}
	}
	// What is not the token stays, short secrets included.
	for _, in := range []string{"request-id 2f1a1100-b174-40a0-aba7-0b405e01ed92", "eyJ0eXAi", "Graph failed (500)"} {
		if out := scrub(in, secrets); out != in {
			t.Errorf("scrub(%q) = %q", in, out)
		}
	}
	if out := scrub("the key abcd was bad", []string{"abcd"}); out != "the key [token] was bad" {
		t.Errorf("short secret: %q", out)
	}
	if out := scrub("a b", []string{""}); out != "a b" {
		t.Errorf("empty secret: %q", out)
	}
}

// TestRedirectToAnotherHostIsRefusedAtOnce: a redirect off the Graph host
// fails the first request with a message that says so: no request reaches
// the other host, nothing is retried, and no Authorization goes anywhere.
// It holds for the default HTTP client and for one the caller supplies.
func TestRedirectToAnotherHostIsRefusedAtOnce(t *testing.T) {
	for _, supplied := range []bool{false, true} {
		t.Run(fmt.Sprintf("supplied client %v", supplied), func(t *testing.T) {
			evil := newFakeGraph(t, 1, 1)
			f := newFakeGraph(t, 1, 1)
			f.hook = func(w http.ResponseWriter, r *http.Request, n int) bool {
				http.Redirect(w, r, evil.url(r.URL.RequestURI()), http.StatusTemporaryRedirect)
				return true
			}
			clk := newFakeClock()
			c := f.client(clk)
			if !supplied {
				c.HTTP = nil
			}
			_, _, err := c.FetchRecord(context.Background(), f.id, false)
			if err == nil {
				t.Fatal("the redirect was followed")
			}
			want := "Graph redirected the call record request to another host (" + evil.srv.URL + ")"
			if !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), "--graph-url") {
				t.Errorf("message %q lacks %q and advice", err, want)
			}
			var ne *NetworkError
			if errors.As(err, &ne) || strings.Contains(err.Error(), "cannot reach") {
				t.Errorf("a refused redirect is called a network error: %v", err)
			}
			if n := len(f.requests()); n != 1 {
				t.Errorf("%d requests to Graph, want 1 (no retries)", n)
			}
			if w := clk.recorded(); len(w) != 0 {
				t.Errorf("waited %v before giving up", w)
			}
			for _, r := range evil.requests() {
				if r.Header.Get("Authorization") != "" {
					t.Errorf("the token went to the other host")
				}
			}
			if n := len(evil.requests()); n != 0 {
				t.Errorf("the other host got %d requests", n)
			}
		})
	}
}

// A redirect on the Graph host itself is followed, with the token.
func TestRedirectOnTheSameHostIsFollowed(t *testing.T) {
	f := newFakeGraph(t, 1, 1)
	f.hook = func(w http.ResponseWriter, r *http.Request, n int) bool {
		if n == 0 {
			http.Redirect(w, r, r.URL.RequestURI(), http.StatusTemporaryRedirect)
			return true
		}
		return false
	}
	if _, _, err := f.client(newFakeClock()).FetchRecord(context.Background(), f.id, false); err != nil {
		t.Fatal(err)
	}
	if r := f.requests(); len(r) < 2 || r[1].Header.Get("Authorization") != "Bearer "+testToken {
		t.Errorf("the same-host redirect was not followed with the token")
	}
}
