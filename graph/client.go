package graph

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/callscope/callscope/text"
)

// Client talks to one Graph root. Set its fields before the first request
// and do not copy it afterwards.
type Client struct {
	Root        string         // Graph root, e.g. https://graph.microsoft.com; a trailing slash is ignored
	Tokens      TokenSource    // bearer tokens
	HTTP        *http.Client   // nil: a client with sane timeouts; a copy is used, with the client's own redirect policy
	MaxAttempts int            // per request, for 429/503/504 and network errors; 0: 6
	Progress    func(Progress) // optional, called after each page

	// Sleep waits d or returns ctx.Err() when ctx ends first; nil: a real
	// timer. Tests replace it to record waits without waiting.
	Sleep func(ctx context.Context, d time.Duration) error

	// Audience is the token's audience named in a 401's advice; "": Root.
	// Set it to the cloud's Graph root when Root is a proxy.
	Audience string

	// Limits paces the requests within Graph's limits; clients fetching
	// in parallel share one (NewLimits). nil: the client's own.
	Limits *Limits

	now func() time.Time // nil: time.Now; tests set a fake clock

	once    sync.Once
	httpc   *http.Client
	initErr error
	root    *url.URL

	mu     sync.Mutex
	tokens []string // the tokens sent, most recent last: scrubbed from every error
}

// Progress tells how far a fetch has come, after each page.
type Progress struct {
	What         string // "record", "sessions", "participants", "list"
	Page         int    // of What; the record is sessions page 1
	Sessions     int    // so far
	Participants int    // so far
	Records      int    // so far, for the list
}

func (p Progress) String() string {
	switch p.What {
	case "record":
		return fmt.Sprintf("call record, %s so far", text.Plural(p.Sessions, "session"))
	case "sessions":
		return fmt.Sprintf("sessions page %d, %s so far", p.Page, text.Plural(p.Sessions, "session"))
	case "participants":
		return fmt.Sprintf("participants page %d, %s so far", p.Page, text.Plural(p.Participants, "participant"))
	case "list":
		return fmt.Sprintf("list page %d, %s so far", p.Page, text.Plural(p.Records, "call record"))
	}
	return p.What
}

var errTooLarge = errors.New("response too large")

// maxBody bounds one response: a page of 60 sessions with every segment is
// a few megabytes.
const maxBody = 256 << 20

func (c *Client) init() error {
	c.once.Do(func() {
		if c.now == nil {
			c.now = time.Now
		}
		if c.Sleep == nil {
			c.Sleep = sleep
		}
		if c.MaxAttempts <= 0 {
			c.MaxAttempts = defaultAttempts
		}
		if c.Limits == nil {
			c.Limits = newLimits(c.now, c.Sleep)
		}
		hc := defaultHTTPClient()
		if c.HTTP != nil {
			hc = new(http.Client)
			*hc = *c.HTTP
		}
		// The redirect policy is the client's own, whatever HTTP client it
		// was given: the token is for the Graph host only.
		hc.CheckRedirect = checkRedirect
		c.httpc = hc
		root := strings.TrimRight(strings.TrimSpace(c.Root), "/")
		u, err := url.Parse(root)
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
			shown := "given"
			if err == nil { // without a password or a query, which may be a proxy's secret
				u.RawQuery, u.Fragment = "", ""
				shown = strconv.Quote(clean(u.Redacted(), 100))
			}
			c.initErr = fmt.Errorf("the Graph URL %s is not valid (a query or fragment, or no https host): give an absolute https URL such as https://graph.microsoft.com", shown)
			return
		}
		c.root = u
		c.Root = root
		if c.Audience == "" {
			c.Audience = root
		}
		if c.Tokens == nil {
			c.initErr = errors.New("no token source: set " + EnvToken + " or configure Azure sign-in")
		}
	})
	return c.initErr
}

func defaultHTTPClient() *http.Client {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.DialContext = (&net.Dialer{Timeout: 15 * time.Second, KeepAlive: 30 * time.Second}).DialContext
	t.TLSHandshakeTimeout = 15 * time.Second
	t.ResponseHeaderTimeout = 90 * time.Second
	return &http.Client{Transport: t, Timeout: 3 * time.Minute}
}

// redirectError is a redirect off the Graph host, refused before any
// request goes there.
type redirectError struct{ to string }

func (e *redirectError) Error() string { return "refusing a redirect to another host (" + e.to + ")" }

// checkRedirect follows a redirect only on the origin of the first request
// (scheme and host), and at most five times.
func checkRedirect(req *http.Request, via []*http.Request) error {
	if !sameOrigin(req.URL, via[0].URL) {
		return &redirectError{to: clean(req.URL.Scheme+"://"+req.URL.Host, 100)}
	}
	if len(via) >= 5 {
		return errors.New("too many redirects")
	}
	return nil
}

func sameOrigin(a, b *url.URL) bool {
	return strings.EqualFold(a.Scheme, b.Scheme) && strings.EqualFold(a.Host, b.Host)
}

// resolve checks a URL Graph gave (a nextLink) before the token goes with
// it. It must be on the Root's scheme and host. When Root is a proxy
// (--graph-url) and the link points at a cloud's own Graph host, the link's
// path and query are sent to the proxy instead.
func (c *Client) resolve(base *url.URL, link string) (*url.URL, error) {
	u, err := base.Parse(link)
	if err != nil {
		return nil, fmt.Errorf("Graph sent a nextLink that is not a URL (%s)", clean(link, 120))
	}
	if sameOrigin(u, c.root) {
		return u, nil
	}
	if u.Scheme == "https" && isGraphHost(u.Hostname()) && u.Port() == "" && !isGraphHost(c.root.Hostname()) {
		r := *c.root
		r.Path = strings.TrimRight(c.root.Path, "/") + u.Path
		r.RawPath = ""
		if u.RawPath != "" {
			r.RawPath = strings.TrimRight(c.root.EscapedPath(), "/") + u.RawPath
		}
		r.RawQuery = u.RawQuery
		return &r, nil
	}
	return nil, fmt.Errorf("refusing to follow a nextLink to %s: it is not the Graph host %s, and the token is not sent elsewhere",
		clean(u.Scheme+"://"+u.Host, 100), c.root.Host)
}

// get fetches one URL on the Graph root, retrying throttling and transient
// failures, and returns the body of a 200. what names the request in errors;
// k is what it counts against in Graph's limits.
func (c *Client) get(ctx context.Context, u *url.URL, what string, k rateKey) ([]byte, error) {
	var last *failure
	var lastNet error
	for attempt := 1; attempt <= c.MaxAttempts; attempt++ {
		if attempt > 1 {
			var wait time.Duration
			if last != nil && last.retryAfter >= 0 {
				wait = last.retryAfter
			} else {
				wait = backoff(attempt - 1)
			}
			if last != nil {
				c.Limits.throttled(wait) // every client sharing the pace waits too
			}
			if err := c.Sleep(ctx, wait); err != nil {
				return nil, stopped(ctx, what, err)
			}
		}
		if err := c.Limits.wait(ctx, k); err != nil {
			return nil, stopped(ctx, what, err)
		}
		token, err := c.Tokens.Token(ctx)
		if err != nil {
			if ctx.Err() != nil {
				return nil, cancelled(ctx, what)
			}
			return nil, err
		}
		c.remember(token)
		body, herr, nerr := c.send(ctx, u, token)
		var redirect *redirectError
		switch {
		case ctx.Err() != nil:
			return nil, cancelled(ctx, what)
		case errors.Is(nerr, errTooLarge):
			return nil, fmt.Errorf("%s: Graph's response is larger than %d MiB; stopping", what, maxBody>>20)
		case errors.As(nerr, &redirect):
			// Not transient: asking again gets the same redirect.
			return nil, fmt.Errorf("Graph redirected the %s request to another host (%s): callscope follows redirects on the Graph host only, so that the token goes nowhere else; check --graph-url, --cloud and any proxy",
				what, redirect.to)
		case nerr != nil:
			lastNet, last = nerr, nil
			if !transient(nerr) {
				attempt = c.MaxAttempts
			}
			continue
		case herr != nil:
			herr.what, herr.audience, herr.attempts = what, c.Audience, attempt
			last, lastNet = herr, nil
			if !retryable(herr.Status) {
				attempt = c.MaxAttempts
			}
			continue
		}
		return body, nil
	}
	if last != nil {
		return nil, last.HTTPError
	}
	return nil, &NetworkError{Host: u.Host, Err: lastNet, what: what}
}

// stopped explains a wait that ended early: the context's end, or the
// error of a Sleep that failed on its own.
func stopped(ctx context.Context, what string, err error) error {
	if ctx.Err() != nil {
		return cancelled(ctx, what)
	}
	return fmt.Errorf("%s: %w", what, err)
}

// failure is an HTTPError with the wait its response asked for.
type failure struct {
	*HTTPError
	retryAfter time.Duration // -1: not said
}

// send sends one request.
func (c *Client) send(ctx context.Context, u *url.URL, token string) ([]byte, *failure, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, nil, err
	}
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Accept", "application/json")
	req.Header.Set("Prefer", "include-unknown-enum-members")
	req.Header.Set("User-Agent", "callscope")
	req.Header.Set("client-request-id", newRequestID())
	resp, err := c.httpc.Do(req)
	if err != nil {
		return nil, nil, transportError(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxBody+1))
	if err != nil {
		return nil, nil, transportError(err)
	}
	if resp.StatusCode == http.StatusOK && len(body) > maxBody {
		return nil, nil, errTooLarge
	}
	if resp.StatusCode != http.StatusOK {
		f := &failure{HTTPError: newHTTPError(resp, body), retryAfter: -1}
		if d, ok := retryAfter(resp.Header, c.now()); ok {
			f.retryAfter = d
		}
		return nil, f, nil
	}
	return body, nil, nil
}

// newRequestID is a random GUID for client-request-id, which Graph echoes
// and Microsoft support can trace.
func newRequestID() string {
	var b [16]byte
	rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

// maxRemembered bounds the tokens kept for scrubbing: a credential renews
// its token about hourly, so a long run sends only a few.
const maxRemembered = 8

// remember keeps a token that is about to be sent, so that no error can
// quote it.
func (c *Client) remember(token string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, t := range c.tokens {
		if t == token {
			return
		}
	}
	if len(c.tokens) == maxRemembered {
		c.tokens = c.tokens[1:]
	}
	c.tokens = append(c.tokens, token)
}

func (c *Client) sent() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]string(nil), c.tokens...)
}

// scrubbedError is an error whose text quoted a token, without it.
type scrubbedError struct {
	msg string
	err error
}

func (e *scrubbedError) Error() string { return e.msg }
func (e *scrubbedError) Unwrap() error { return e.err }

// scrubErr is where every error the client returns passes: whatever a
// server echoed (a request-id header, innerError, the message, an error
// page, a redirect's or a nextLink's host), no token it sent survives in the
// error's text or in the fields of an HTTPError or a NetworkError.
func (c *Client) scrubErr(err error) error {
	if err == nil {
		return nil
	}
	tokens := c.sent()
	var he *HTTPError
	if errors.As(err, &he) {
		he.Code, he.Message, he.RequestID = scrub(he.Code, tokens), scrub(he.Message, tokens), scrub(he.RequestID, tokens)
	}
	var ne *NetworkError
	if errors.As(err, &ne) {
		ne.Host = scrub(ne.Host, tokens)
		if msg, safe := ne.Err.Error(), scrub(ne.Err.Error(), tokens); safe != msg {
			ne.Err = &scrubbedError{safe, ne.Err}
		}
	}
	if msg, safe := err.Error(), scrub(err.Error(), tokens); safe != msg {
		return &scrubbedError{safe, err}
	}
	return err
}

// scrubWarnings does for warnings what scrubErr does for errors.
func (c *Client) scrubWarnings(warnings []string) []string {
	tokens := c.sent()
	for i, w := range warnings {
		warnings[i] = scrub(w, tokens)
	}
	return warnings
}
