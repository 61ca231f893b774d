package graph

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/cloud"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
	"github.com/Azure/azure-sdk-for-go/sdk/azidentity"
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

	opts := &azidentity.DefaultAzureCredentialOptions{}
	opts.ClientOptions.Cloud = cloud.Configuration{ActiveDirectoryAuthorityHost: authority, Services: map[cloud.ServiceName]cloud.ServiceConfiguration{}}
	cred, err := azidentity.NewDefaultAzureCredential(opts)
	if err != nil {
		return nil, "", fmt.Errorf("cannot set up Azure sign-in: %s; %s", clean(err.Error(), 500), signInHelp)
	}
	return &credentialSource{cred: cred, scope: graphRoot + "/.default", now: time.Now}, "Azure DefaultAzureCredential", nil
}

const signInHelp = "set AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET (or AZURE_CLIENT_CERTIFICATE_PATH), " +
	"run on a managed identity, sign the Azure CLI in as a service principal, or set " + EnvToken

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
	cred  azcore.TokenCredential
	scope string
	now   func() time.Time

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
		return "", fmt.Errorf("cannot get a token for %s: %s; %s", s.scope, clean(err.Error(), 600), signInHelp)
	}
	s.token, s.expires = tok.Token, tok.ExpiresOn
	return s.token, nil
}
