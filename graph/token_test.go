package graph

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
)

func env(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

func TestNewTokenSourceFromEnvironment(t *testing.T) {
	for _, v := range []string{"abc.def.ghi", "  abc.def.ghi\n", "Bearer abc.def.ghi"} {
		ts, desc, err := NewTokenSource("global", "", env(map[string]string{EnvToken: v}))
		if err != nil {
			t.Fatal(err)
		}
		if desc != "CALLSCOPE_ACCESS_TOKEN" {
			t.Errorf("description %q", desc)
		}
		if tok, err := ts.Token(context.Background()); err != nil || tok != "abc.def.ghi" {
			t.Errorf("%q: token %q, %v", v, tok, err)
		}
	}
	_, _, err := NewTokenSource("global", "", env(map[string]string{EnvToken: "abc def-secret-part"}))
	if err == nil || strings.Contains(err.Error(), "secret-part") {
		t.Errorf("bad token: %v", err)
	}
}

func TestNewTokenSourceChoosesAzureCredential(t *testing.T) {
	for _, tc := range []struct{ cloud, root, scope string }{
		{"global", "", "https://graph.microsoft.com/.default"},
		{"usgov", "", "https://graph.microsoft.us/.default"},
		{"dod", "https://dod-graph.microsoft.us/", "https://dod-graph.microsoft.us/.default"},
	} {
		ts, desc, err := NewTokenSource(tc.cloud, tc.root, env(nil))
		if err != nil {
			t.Fatal(err)
		}
		if desc != "Azure DefaultAzureCredential" || ts == nil {
			t.Errorf("%s: %q, %v", tc.cloud, desc, ts)
		}
		cs, ok := ts.(*credentialSource)
		if !ok || cs.cred == nil || cs.scope != tc.scope {
			t.Errorf("%s: %#v", tc.cloud, ts)
		}
		// Token is not called: that would reach for real Azure.
	}
	if _, _, err := NewTokenSource("mooncake", "", env(nil)); err == nil {
		t.Error("unknown cloud accepted")
	}
}

// fakeCredential stands for azidentity without Azure.
type fakeCredential struct {
	calls  int
	scopes []string
	token  string
	expiry time.Time
	err    error
}

func (f *fakeCredential) GetToken(ctx context.Context, o policy.TokenRequestOptions) (azcore.AccessToken, error) {
	f.calls++
	f.scopes = o.Scopes
	if f.err != nil {
		return azcore.AccessToken{}, f.err
	}
	return azcore.AccessToken{Token: f.token, ExpiresOn: f.expiry}, nil
}

func TestCredentialSourceCachesAndRefreshes(t *testing.T) {
	clk := newFakeClock()
	fc := &fakeCredential{token: "tok-1", expiry: clk.now().Add(time.Hour)}
	s := &credentialSource{cred: fc, scope: "https://graph.microsoft.com/.default", now: clk.now}
	ctx := context.Background()
	for range 3 {
		if tok, err := s.Token(ctx); err != nil || tok != "tok-1" {
			t.Fatalf("%q, %v", tok, err)
		}
	}
	if fc.calls != 1 || len(fc.scopes) != 1 || fc.scopes[0] != "https://graph.microsoft.com/.default" {
		t.Errorf("calls %d, scopes %q", fc.calls, fc.scopes)
	}
	clk.sleep(ctx, 56*time.Minute) // within 5 minutes of expiry
	fc.token = "tok-2"
	if tok, _ := s.Token(ctx); tok != "tok-2" || fc.calls != 2 {
		t.Errorf("not refreshed: %q after %d calls", tok, fc.calls)
	}
}

func TestCredentialSourceErrorIsOneLine(t *testing.T) {
	fc := &fakeCredential{err: errors.New("DefaultAzureCredential: failed to acquire a token.\nAttempted credentials:\n\tEnvironmentCredential: missing environment variable AZURE_TENANT_ID\n\tManagedIdentityCredential: no response")}
	s := &credentialSource{cred: fc, scope: "https://graph.microsoft.us/.default", now: time.Now}
	_, err := s.Token(context.Background())
	if err == nil {
		t.Fatal("no error")
	}
	msg := err.Error()
	for _, want := range []string{"https://graph.microsoft.us/.default", "AZURE_TENANT_ID", "AZURE_CLIENT_SECRET", EnvToken} {
		if !strings.Contains(msg, want) {
			t.Errorf("%q lacks %q", msg, want)
		}
	}
	if strings.ContainsAny(msg, "\n\t") {
		t.Errorf("not one line: %q", msg)
	}

	// Through a Client, the error comes back as it is, with no request sent.
	f := newFakeGraph(t, 1, 1)
	c := f.client(newFakeClock())
	c.Tokens = s
	if _, _, err := c.FetchRecord(context.Background(), f.id, false); err == nil || !strings.Contains(err.Error(), "cannot get a token") {
		t.Errorf("err = %v", err)
	}
	if n := len(f.requests()); n != 0 {
		t.Errorf("%d requests without a token", n)
	}
}

func TestProgressString(t *testing.T) {
	for p, want := range map[Progress]string{
		{What: "record", Page: 1, Sessions: 1}:             "call record, 1 session so far",
		{What: "sessions", Page: 3, Sessions: 180}:         "sessions page 3, 180 sessions so far",
		{What: "participants", Page: 2, Participants: 260}: "participants page 2, 260 participants so far",
		{What: "list", Page: 1, Records: 60}:               "list page 1, 60 call records so far",
	} {
		if got := p.String(); got != want {
			t.Errorf("%+v: %q, want %q", p, got, want)
		}
	}
}

func TestClean(t *testing.T) {
	for in, want := range map[string]string{
		"plain":                      "plain",
		"a\nb\r\n\tc":                "a b c",
		"red\x1b[31mtext\x1b[0m":     "redtext",
		"title\x1b]0;evil\x07 done":  "title done",
		"bidi\u202eevil":             "bidievil",
		"bad\xffutf8":                "bad\ufffdutf8",
		"c1\u009b31m x":              "c1 x", // a C1 CSI goes whole, as ESC [ does (text.Clean)
		"  leading and trailing  \n": "leading and trailing",
	} {
		if got := clean(in, 100); got != want {
			t.Errorf("clean(%q) = %q, want %q", in, got, want)
		}
	}
	if got := clean(strings.Repeat("x", 20), 5); got != "xxxxx…" {
		t.Errorf("cut: %q", got)
	}
}
