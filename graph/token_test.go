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

// sdkNoCredentials is the shape of azidentity's answer when nothing is
// configured (the real one runs to some 900 characters).
const sdkNoCredentials = "DefaultAzureCredential: failed to acquire a token.\nAttempted credentials:\n\tEnvironmentCredential: missing environment variable AZURE_TENANT_ID\n\tManagedIdentityCredential: no response\n\tAzureCLICredential: Azure CLI not found on path"

// With nothing configured, the error is one short line that names the
// variables to set; the SDK's account is kept apart, for CALLSCOPE_DEBUG.
func TestCredentialSourceErrorIsOneLine(t *testing.T) {
	fc := &fakeCredential{err: errors.New(sdkNoCredentials)}
	s := &credentialSource{cred: fc, scope: "https://graph.microsoft.us/.default", now: time.Now}
	_, err := s.Token(context.Background())
	var se *SignInError
	if !errors.As(err, &se) {
		t.Fatalf("err = %v, want a SignInError", err)
	}
	msg := err.Error()
	for _, want := range []string{"AZURE_TENANT_ID", "AZURE_CLIENT_ID", "AZURE_CLIENT_SECRET", EnvToken, EnvDebug + "=1"} {
		if !strings.Contains(msg, want) {
			t.Errorf("%q lacks %q", msg, want)
		}
	}
	if strings.ContainsAny(msg, "\n\t") || len(msg) > 240 || strings.Contains(msg, "ManagedIdentityCredential") {
		t.Errorf("not one short line: %d characters, %q", len(msg), msg)
	}
	if !strings.Contains(se.Detail, "ManagedIdentityCredential: no response") || !strings.Contains(se.Detail, "\n") {
		t.Errorf("the SDK's account is not kept, in lines: %q", se.Detail)
	}

	// Through a Client, the error comes back as it is, with no request sent.
	f := newFakeGraph(t, 1, 1)
	c := f.client(newFakeClock())
	c.Tokens = s
	if _, _, err := c.FetchRecord(context.Background(), f.id, false); !errors.As(err, &se) {
		t.Errorf("err = %v", err)
	}
	if n := len(f.requests()); n != 0 {
		t.Errorf("%d requests without a token", n)
	}
}

// With AZURE_* set, sign-in failed: the line says so, with Entra ID's
// reason, and scope; a token the source held before is in neither text.
func TestCredentialSourceErrorWhenConfigured(t *testing.T) {
	clk := newFakeClock()
	fc := &fakeCredential{token: "old-token-0123456789abcdef", expiry: clk.now().Add(time.Minute)}
	s := &credentialSource{cred: fc, scope: "https://graph.microsoft.com/.default", configured: true, now: clk.now}
	if _, err := s.Token(context.Background()); err != nil {
		t.Fatal(err)
	}
	fc.err = errors.New("DefaultAzureCredential: failed to acquire a token.\nAttempted credentials:\n\tEnvironmentCredential: authentication failed:\nPOST https://login.microsoftonline.com/t/oauth2/v2.0/token\nRESPONSE 401\nAADSTS7000215: Invalid client secret provided. Ensure the secret being sent is correct. old-token-0123456789abcdef")
	_, err := s.Token(context.Background())
	var se *SignInError
	if !errors.As(err, &se) {
		t.Fatalf("err = %v", err)
	}
	msg := err.Error()
	for _, want := range []string{"failed", "AADSTS7000215: Invalid client secret provided", "https://graph.microsoft.com/.default", "AZURE_CLIENT_SECRET", EnvDebug} {
		if !strings.Contains(msg, want) {
			t.Errorf("%q lacks %q", msg, want)
		}
	}
	if strings.Contains(msg, "old-token") || strings.Contains(se.Detail, "old-token") || strings.ContainsAny(msg, "\n") {
		t.Errorf("a token or a line break got through: %q / %q", msg, se.Detail)
	}
}

// NewTokenSource tells whether the user configured Azure sign-in.
func TestNewTokenSourceKnowsWhetherConfigured(t *testing.T) {
	for vars, want := range map[string]bool{"": false, "AZURE_CLIENT_ID": true, "AZURE_TENANT_ID": true} {
		ts, _, err := NewTokenSource("global", "", env(map[string]string{vars: "x"}))
		if err != nil {
			t.Fatal(err)
		}
		if cs, ok := ts.(*credentialSource); !ok || cs.configured != want {
			t.Errorf("%q set: configured %v, want %v", vars, ok && cs.configured, want)
		}
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
