package graph

import (
	"context"
	"errors"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/cloud"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
	"github.com/Azure/azure-sdk-for-go/sdk/azidentity"

	"github.com/callscope/callscope/text"
)

// TokenSource gives the bearer token for the next request.
type TokenSource interface {
	Token(ctx context.Context) (string, error)
}

// EnvToken is the environment variable that holds a bearer token to use as is.
const EnvToken = "CALLSCOPE_ACCESS_TOKEN"

// NewTokenSource picks where tokens come from: the bearer token in
// CALLSCOPE_ACCESS_TOKEN (read through getenv; nil means os.Getenv) when it
// is set, otherwise Azure's DefaultAzureCredential (environment, workload
// identity, managed identity, Azure CLI, ...) signing in at the cloud's
// authority for the scope graphRoot+"/.default". graphRoot is the token's
// audience: the cloud's Graph root even when requests go through a proxy
// (--graph-url); "" means the cloud's. The description says which source was
// chosen, for messages; it never holds the token.
func NewTokenSource(cloudName, graphRoot string, getenv func(string) string) (TokenSource, string, error) {
	if getenv == nil {
		getenv = os.Getenv
	}
	root, authority, err := Endpoints(cloudName)
	if err != nil {
		return nil, "", err
	}
	if graphRoot == "" {
		graphRoot = root
	}
	graphRoot = strings.TrimRight(graphRoot, "/")

	if v := getenv(EnvToken); strings.TrimSpace(v) != "" {
		tok, err := staticToken(v)
		if err != nil {
			return nil, "", err
		}
		return tok, EnvToken, nil
	}

	scope := graphRoot + "/.default"
	configured := false
	for _, k := range azureEnv {
		configured = configured || getenv(k) != ""
	}
	opts := &azidentity.DefaultAzureCredentialOptions{}
	opts.ClientOptions.Cloud = cloud.Configuration{ActiveDirectoryAuthorityHost: authority, Services: map[cloud.ServiceName]cloud.ServiceConfiguration{}}
	cred, err := azidentity.NewDefaultAzureCredential(opts)
	if err != nil {
		return nil, "", signInError(scope, configured, err, nil)
	}
	return &credentialSource{cred: cred, scope: scope, configured: configured, now: time.Now}, "Azure DefaultAzureCredential", nil
}

// azureEnv are the variables by which a user configures Azure sign-in
// for an app (EnvironmentCredential, workload identity).
var azureEnv = []string{"AZURE_TENANT_ID", "AZURE_CLIENT_ID", "AZURE_CLIENT_SECRET", "AZURE_CLIENT_CERTIFICATE_PATH", "AZURE_FEDERATED_TOKEN_FILE"}

// EnvDebug set to 1 makes the command print a SignInError's Detail.
const EnvDebug = "CALLSCOPE_DEBUG"

// SignInError is a failed Azure sign-in. Its message is one short line
// that says what to set; the SDK's own account (some 900 characters on
// what each credential in its chain tried) is kept in Detail, for
// CALLSCOPE_DEBUG=1. Neither holds a token.
type SignInError struct {
	Msg    string // one line: what to set
	Detail string // the SDK's text, cleaned, lines kept
}

func (e *SignInError) Error() string { return e.Msg }

// signInError says what to do: with no AZURE_* variables set, which to
// set; with some set, that they did not work, and Entra ID's reason
// (AADSTS…) when the SDK quotes one. old is a token this source held
// before, scrubbed from the detail.
func signInError(scope string, configured bool, err error, old []string) *SignInError {
	detail := scrub(text.CleanLines(err.Error()), old)
	more := " (" + EnvDebug + "=1 shows what Azure sign-in tried)"
	if !configured {
		return &SignInError{Detail: detail, Msg: "no credentials for Microsoft Graph: set " + EnvToken +
			", or AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET" + more}
	}
	msg := "Azure sign-in for " + scope + " failed"
	if i := strings.Index(detail, "AADSTS"); i >= 0 {
		reason := detail[i:]
		if j := strings.Index(reason, ". "); j > 0 {
			reason = reason[:j]
		}
		msg += ": " + clean(reason, 160)
	}
	return &SignInError{Detail: detail, Msg: msg + "; check AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET (or AZURE_CLIENT_CERTIFICATE_PATH), or set " + EnvToken + more}
}

// StaticToken is a bearer token used as is.
type StaticToken string

func (t StaticToken) Token(ctx context.Context) (string, error) { return string(t), nil }

// staticToken accepts a token as people paste it: surrounding space and a
// "Bearer " prefix go; anything that cannot be in a header is refused
// without being shown.
func staticToken(v string) (StaticToken, error) {
	v = strings.TrimSpace(v)
	if len(v) > 7 && strings.EqualFold(v[:7], "bearer ") {
		v = strings.TrimSpace(v[7:])
	}
	for i := 0; i < len(v); i++ {
		if v[i] <= ' ' || v[i] >= 0x7f {
			return "", errors.New(EnvToken + " holds characters a bearer token cannot have (spaces, line breaks, or non-ASCII): set it to the token alone")
		}
	}
	if v == "" {
		return "", errors.New(EnvToken + " is empty")
	}
	return StaticToken(v), nil
}

// credentialSource asks an Azure credential for tokens and keeps each one
// until shortly before it expires.
type credentialSource struct {
	cred       azcore.TokenCredential
	scope      string
	configured bool // some of azureEnv is set: sign-in failed rather than was never set up
	now        func() time.Time

	mu      sync.Mutex
	token   string
	expires time.Time
}

// refreshBefore is how long before expiry a cached token is replaced.
const refreshBefore = 5 * time.Minute

func (s *credentialSource) Token(ctx context.Context) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.token != "" && s.now().Add(refreshBefore).Before(s.expires) {
		return s.token, nil
	}
	tok, err := s.cred.GetToken(ctx, policy.TokenRequestOptions{Scopes: []string{s.scope}})
	if err != nil {
		if ctx.Err() != nil {
			return "", ctx.Err()
		}
		var old []string
		if s.token != "" {
			old = []string{s.token}
		}
		return "", signInError(s.scope, s.configured, err, old)
	}
	s.token, s.expires = tok.Token, tok.ExpiresOn
	return s.token, nil
}
