package serve

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	gossh "golang.org/x/crypto/ssh"

	"github.com/callscope/callscope/generate"
	"github.com/callscope/callscope/graph"
	"github.com/callscope/callscope/internal/fakegraph"
	"github.com/callscope/callscope/samples"
)

// demoID is the demo record's id; the fixture's records folder holds it
// in the archive's layout.
const demoID = "b3f0c6a2-7d41-4e9b-8c15-2f6e9a4d7b38"

// wait bounds every wait for a screen or a line: generous, for a loaded
// machine running the race detector; nothing is asserted about time.
const wait = 20 * time.Second

type syncBuf struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuf) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuf) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

type fixture struct {
	dir, records, keysPath string
	srv                    *Server
	addr                   string
	audit                  *syncBuf
	engineer, specialist   gossh.Signer
	fake                   *fakegraph.Server
	gate                   chan struct{} // when set, Graph's record requests wait for it
}

type fixtureOptions struct {
	graph bool
	gate  bool
	wrap  func(http.Handler) http.Handler // in front of the fake Graph: requests it does not serve
	cfg   func(*Config)
}

func newSigner(t testing.TB) gossh.Signer {
	t.Helper()
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	s, err := gossh.NewSignerFromKey(priv)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func authorizedLine(s gossh.Signer, options, comment string) string {
	line := strings.TrimSpace(string(gossh.MarshalAuthorizedKey(s.PublicKey())))
	if options != "" {
		line = options + " " + line
	}
	return line + " " + comment + "\n"
}

func writeGzip(t testing.TB, path string, b []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(b)
	zw.Close()
	if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
}

func newFixture(t testing.TB, o fixtureOptions) *fixture {
	t.Helper()
	f := &fixture{dir: t.TempDir(), audit: &syncBuf{}, engineer: newSigner(t), specialist: newSigner(t)}
	f.records = filepath.Join(f.dir, "records")
	writeGzip(t, filepath.Join(f.records, "2026-02-17", demoID+".v3.json.gz"), samples.Demo)
	f.keysPath = filepath.Join(f.dir, "authorized_keys")
	keys := "# callscope serve\n" +
		authorizedLine(f.engineer, `environment="CALLSCOPE_ROLE=engineer"`, "alice@laptop") +
		authorizedLine(f.specialist, "", "carol@desk") // no role: specialist
	if err := os.WriteFile(f.keysPath, []byte(keys), 0o600); err != nil {
		t.Fatal(err)
	}
	audit := NewAudit(f.audit)
	k, err := OpenKeys(f.keysPath, func(line int, fp, msg string) {
		audit.Log(Event{Fingerprint: fp, Action: ActKeys, Detail: msg})
	})
	if err != nil {
		t.Fatal(err)
	}
	pem, _, _, err := HostKey(filepath.Join(f.dir, "hostkey", "ssh_host_ed25519_key"))
	if err != nil {
		t.Fatal(err)
	}
	cfg := Config{Addr: "127.0.0.1:0", HostKey: pem, Keys: k, Audit: audit, Records: f.records,
		Notice: 300 * time.Millisecond, ListSince: 20 * 365 * 24 * time.Hour}
	if o.graph {
		f.fake = fakegraph.New(fakegraph.Options{SessionsPerPage: 2})
		var h http.Handler = f.fake
		if o.gate {
			f.gate = make(chan struct{})
			h = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if strings.Contains(r.URL.Path, "/callRecords/") {
					<-f.gate
				}
				f.fake.ServeHTTP(w, r)
			})
		}
		if o.wrap != nil {
			h = o.wrap(h)
		}
		ts := httptest.NewServer(h)
		t.Cleanup(ts.Close)
		limits := graph.NewLimits()
		cfg.Graph = func() *graph.Client {
			return &graph.Client{Root: ts.URL, Tokens: graph.StaticToken(f.fake.Token()), Limits: limits}
		}
	}
	if o.cfg != nil {
		o.cfg(&cfg)
	}
	f.srv, err = New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	f.addr = ln.Addr().String()
	go f.srv.Serve(ln)
	t.Cleanup(func() { f.srv.Close() })
	return f
}

// generated is a generated record (generate.Record) and its id.
func generated(t testing.TB, seed int64, sessions int) ([]byte, string) {
	t.Helper()
	var b strings.Builder
	if err := generate.Record(&b, generate.Options{Sessions: sessions, Seed: seed}); err != nil {
		t.Fatal(err)
	}
	f, err := loadRecord("generated", []byte(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	return []byte(b.String()), f.Records[0].ID
}

func (f *fixture) dial(s gossh.Signer) (*gossh.Client, error) {
	return gossh.Dial("tcp", f.addr, &gossh.ClientConfig{
		User: "tester", Auth: []gossh.AuthMethod{gossh.PublicKeys(s)},
		HostKeyCallback: gossh.InsecureIgnoreHostKey(), // test only: the server's key is new each run
		Timeout:         wait,
	})
}

// run is `ssh host CMD` without a terminal: stdout, stderr, exit code.
func (f *fixture) run(t testing.TB, s gossh.Signer, cmd string) (string, string, int) {
	t.Helper()
	c, err := f.dial(s)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	sess, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	var out, errb syncBuf
	sess.Stdout, sess.Stderr = &out, &errb
	err = sess.Run(cmd)
	code := 0
	if ee, ok := err.(*gossh.ExitError); ok {
		code = ee.ExitStatus()
	} else if err != nil {
		t.Fatalf("ssh %s: %v", cmd, err)
	}
	return out.String(), errb.String(), code
}

// term is `ssh -t host CMD`: a session with a terminal of its own.
type term struct {
	client *gossh.Client
	sess   *gossh.Session
	vt     *vt
	stdin  io.WriteCloser
	stderr *syncBuf
	done   chan error
}

func (f *fixture) openTerm(t testing.TB, s gossh.Signer, cmd string, w, h int, env ...string) *term {
	t.Helper()
	c, err := f.dial(s)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	sess, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(env); i += 2 {
		sess.Setenv(env[i], env[i+1])
	}
	if err := sess.RequestPty("xterm-256color", h, w, gossh.TerminalModes{}); err != nil {
		t.Fatal(err)
	}
	tm := &term{client: c, sess: sess, vt: newVT(w, h), stderr: &syncBuf{}, done: make(chan error, 1)}
	sess.Stdout, sess.Stderr = tm.vt, tm.stderr
	if tm.stdin, err = sess.StdinPipe(); err != nil {
		t.Fatal(err)
	}
	if cmd == "" {
		err = sess.Shell()
	} else {
		err = sess.Start(cmd)
	}
	if err != nil {
		t.Fatal(err)
	}
	go func() { tm.done <- sess.Wait() }()
	return tm
}

// waitFor polls the screen until ok says yes.
func (tm *term) waitFor(t testing.TB, what string, ok func(screen string) bool) string {
	t.Helper()
	deadline := time.Now().Add(wait)
	for {
		s := tm.vt.Screen()
		if ok(s) {
			return s
		}
		if time.Now().After(deadline) {
			t.Fatalf("waited for %s; the screen:\n%s\nstderr: %s", what, s, tm.stderr.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func (tm *term) waitText(t testing.TB, want string) string {
	t.Helper()
	return tm.waitFor(t, want, func(s string) bool { return strings.Contains(s, want) })
}

// waitClipboard waits for n OSC 52 payloads: the copy's sequence and the
// frame that says "copied" may come in either order.
func (tm *term) waitClipboard(t testing.TB, n int) []string {
	t.Helper()
	deadline := time.Now().Add(wait)
	for {
		if c := tm.vt.Clipboard(); len(c) >= n {
			return c
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d clipboard writes, want %d", len(tm.vt.Clipboard()), n)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func (tm *term) send(t testing.TB, keys string) {
	t.Helper()
	if _, err := io.WriteString(tm.stdin, keys); err != nil {
		t.Fatal(err)
	}
}

func (tm *term) resize(t testing.TB, w, h int) {
	t.Helper()
	tm.vt.Resize(w, h)
	if err := tm.sess.WindowChange(h, w); err != nil {
		t.Fatal(err)
	}
}

// exit waits for the session to end and gives its exit code.
func (tm *term) exit(t testing.TB) int {
	t.Helper()
	select {
	case err := <-tm.done:
		if ee, ok := err.(*gossh.ExitError); ok {
			return ee.ExitStatus()
		}
		if err != nil {
			t.Fatalf("session: %v", err)
		}
		return 0
	case <-time.After(wait):
		t.Fatalf("the session did not end; screen:\n%s", tm.vt.Screen())
	}
	return -1
}

// auditLines parses the audit log.
func (f *fixture) auditLines(t testing.TB) []map[string]any {
	t.Helper()
	var out []map[string]any
	for _, l := range strings.Split(strings.TrimSpace(f.audit.String()), "\n") {
		if l == "" {
			continue
		}
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatalf("audit line is not JSON: %q: %v", l, err)
		}
		out = append(out, m)
	}
	return out
}

// waitAudit waits for a line with these fields.
func (f *fixture) waitAudit(t testing.TB, want map[string]string) map[string]any {
	t.Helper()
	deadline := time.Now().Add(wait)
	for {
		for _, l := range f.auditLines(t) {
			ok := true
			for k, v := range want {
				if s, _ := l[k].(string); s != v {
					ok = false
				}
			}
			if ok {
				return l
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("no audit line with %v in:\n%s", want, f.audit.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func width(s string) int { return ansi.StringWidth(s) }

func contextWithTimeout(d time.Duration) (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.Background(), d)
}

// waiting counts the opens waiting for a record being fetched.
func (c *cache) waiting() int {
	c.flights.mu.Lock()
	defer c.flights.mu.Unlock()
	n := 0
	for k, f := range c.flights.calls {
		if strings.HasPrefix(k, "view") {
			f.mu.Lock()
			n += f.next
			f.mu.Unlock()
		}
	}
	return n
}
