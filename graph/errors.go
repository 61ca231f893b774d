package graph

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"syscall"

	"github.com/tidwall/gjson"
)

// HTTPError is a response from Graph that was not a success, after any
// retries. Code and Message are Graph's error body, cleaned of control
// characters; RequestID is the request-id Microsoft support asks for.
type HTTPError struct {
	Status    int
	Code      string
	Message   string
	RequestID string

	what     string // "call record", "sessions page 3", "list of call records"
	audience string // the token audience, for 401
	attempts int    // how many times the request was sent, when more than once
}

// Error is one line that says what went wrong and what to do about it.
func (e *HTTPError) Error() string {
	var b strings.Builder
	graph := e.graphSays()
	switch {
	case e.Status == http.StatusUnauthorized:
		fmt.Fprintf(&b, "Graph rejected the access token (%s): check that it was issued for the right tenant, with audience %s (scope %s/.default), and has not expired",
			graph, e.audienceOr(), e.audienceOr())
	case e.Status == http.StatusForbidden && e.what == "user lookup":
		fmt.Fprintf(&b, "Graph refused to look up the user (%s): finding a user by UPN needs the application permission User.Read.All with admin consent; grant it, or give the user's object id (a GUID) instead", graph)
	case e.Status == http.StatusNotFound && e.what == "user lookup":
		fmt.Fprintf(&b, "no such user (%s): check the UPN, or give the user's object id", graph)
	case e.Status == http.StatusForbidden:
		fmt.Fprintf(&b, "Graph refused access (%s): the app needs the application permission CallRecords.Read.All with admin consent granted in this tenant (delegated sign-in is not supported)", graph)
	case e.Status == http.StatusNotFound:
		if strings.HasPrefix(e.what, "list") {
			fmt.Fprintf(&b, "Graph has no such endpoint (%s): check --cloud and --graph-url", graph)
		} else {
			fmt.Fprintf(&b, "call record not found (%s): it is older than 30 days, belongs to another tenant, or lives in another cloud (--cloud global|usgov|dod); check the id", graph)
		}
	case e.Status == http.StatusBadRequest:
		fmt.Fprintf(&b, "Graph rejected the request (%s)", graph)
		if e.Message == "" {
			b.WriteString(": check the id and the filter")
		}
	case e.Status == http.StatusTooManyRequests:
		fmt.Fprintf(&b, "Graph is still throttling (%s)%s: wait a minute and try again", graph, e.afterAttempts())
	case e.Status == http.StatusServiceUnavailable, e.Status == http.StatusGatewayTimeout:
		fmt.Fprintf(&b, "Graph is unavailable (%s)%s: try again later", graph, e.afterAttempts())
	default:
		fmt.Fprintf(&b, "Graph failed (%s)%s", graph, e.afterAttempts())
		if e.Status >= 500 {
			b.WriteString(": try again later; if it persists, give Microsoft support the request-id")
		}
	}
	if e.what != "" {
		b.WriteString(" [" + e.what)
		if e.RequestID != "" {
			b.WriteString(", request-id " + e.RequestID)
		}
		b.WriteString("]")
	} else if e.RequestID != "" {
		b.WriteString(" [request-id " + e.RequestID + "]")
	}
	return b.String()
}

// graphSays is "403 Authorization_RequestDenied: Insufficient privileges".
func (e *HTTPError) graphSays() string {
	s := fmt.Sprint(e.Status)
	if e.Code != "" {
		s += " " + e.Code
	} else if t := http.StatusText(e.Status); t != "" {
		s += " " + t
	}
	if e.Message != "" {
		s += ": " + e.Message
	}
	return s
}

func (e *HTTPError) audienceOr() string {
	if e.audience != "" {
		return e.audience
	}
	return "the Graph root"
}

func (e *HTTPError) afterAttempts() string {
	if e.attempts > 1 {
		return fmt.Sprintf(" after %d attempts", e.attempts)
	}
	return ""
}

// Temporary says whether trying again later may help.
func (e *HTTPError) Temporary() bool {
	return e.Status == http.StatusTooManyRequests || e.Status >= 500
}

// newHTTPError reads Graph's error body {"error":{"code","message"}}; a body
// of another shape (a proxy's page) gives at most a short plain-text excerpt.
func newHTTPError(resp *http.Response, body []byte) *HTTPError {
	e := &HTTPError{Status: resp.StatusCode}
	if gjson.ValidBytes(body) {
		ge := gjson.GetBytes(body, "error")
		e.Code = clean(ge.Get("code").String(), 80)
		e.Message = clean(ge.Get("message").String(), 400)
		if id := ge.Get(`innerError.request-id`); id.Exists() {
			e.RequestID = clean(id.String(), 80)
		}
	} else if ct := resp.Header.Get("Content-Type"); len(body) > 0 && strings.HasPrefix(ct, "text/plain") {
		e.Message = clean(string(body), 200)
	}
	if id := resp.Header.Get("request-id"); id != "" {
		e.RequestID = clean(id, 80)
	}
	return e
}

// NetworkError is a request that never got an answer from Graph.
type NetworkError struct {
	Host string
	Err  error
	what string
}

func (e *NetworkError) Error() string {
	msg := clean(e.Err.Error(), 300)
	hint := "check the network connection, any proxy (HTTPS_PROXY), and --cloud/--graph-url"
	var cert *tls.CertificateVerificationError
	var ua x509.UnknownAuthorityError
	var he x509.HostnameError
	if errors.As(e.Err, &cert) || errors.As(e.Err, &ua) || errors.As(e.Err, &he) {
		hint = "the server's certificate is not trusted; a TLS-inspecting proxy needs its CA in the system store"
	}
	s := fmt.Sprintf("cannot reach %s: %s; %s", e.Host, msg, hint)
	if e.what != "" {
		s += " [" + e.what + "]"
	}
	return s
}

func (e *NetworkError) Unwrap() error { return e.Err }

// transient says whether a transport error may go away when tried again:
// resets, timeouts and cut-off bodies do; unknown hosts, refused
// connections and untrusted certificates do not.
func transient(err error) bool {
	if errors.Is(err, context.Canceled) {
		return false
	}
	var dns *net.DNSError
	if errors.As(err, &dns) {
		return dns.IsTemporary || dns.IsTimeout
	}
	if errors.Is(err, syscall.ECONNREFUSED) {
		return false
	}
	var cert *tls.CertificateVerificationError
	var ua x509.UnknownAuthorityError
	var he x509.HostnameError
	var rec tls.RecordHeaderError
	if errors.As(err, &cert) || errors.As(err, &ua) || errors.As(err, &he) || errors.As(err, &rec) {
		return false
	}
	return true
}

// transportError drops net/http's "Get \"URL\":" prefix: the host is named
// once, and a long URL helps nobody.
func transportError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

// cancelled explains a context that ended while doing what.
func cancelled(ctx context.Context, what string) error {
	err := context.Cause(ctx)
	if err == nil {
		err = ctx.Err()
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("timed out while fetching %s (raise --timeout): %w", what, err)
	}
	return fmt.Errorf("cancelled while fetching %s: %w", what, err)
}
