// Package serve is `callscope serve`: callscope's explorer over SSH, for a
// support team. One host holds the Graph credentials; engineers connect
// with their own keys, each session runs its own explorer, a key's role
// decides whether it sees records as they are or pseudonymised, and every
// session and record opened is written to an audit log.
package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/ssh"
	"charm.land/wish/v2"
	gossh "golang.org/x/crypto/ssh"
)

// Config is what the server is given.
type Config struct {
	Addr    string // address to listen on, e.g. ":2222"
	HostKey []byte // the host's private key, PEM (see HostKey)
	Keys    *Keys  // who may connect, and their roles
	Audit   *Audit // where every action goes
	Records string // folder of records (.json, .json.gz) offered in the picker; "": none
	// Graph makes a client for one fetch; every client shares one pace
	// (GraphLimits), one token source and one HTTP client. nil: the server
	// has no Graph credentials and serves Records only.
	Graph func() *GraphClient

	MaxSessions  int           // at once; more are refused with a message. 0: DefaultMaxSessions
	IdleTimeout  time.Duration // a session without a key press this long is closed. 0: DefaultIdleTimeout
	CacheBytes   int64         // bound on the shared records. 0: DefaultCacheBytes
	FetchTimeout time.Duration // one record from Graph, every page. 0: 5 minutes
	ListSince    time.Duration // the picker's Graph list covers this long back. 0: 24 hours
	GraphMaxAge  time.Duration // a record opened by id alone is fetched again when older. 0: 5 minutes
	// Notice is how long "server is shutting down" (or "closed: idle")
	// shows before the session closes. 0: 2 seconds.
	Notice time.Duration
}

// Defaults.
const (
	DefaultMaxSessions = 20
	DefaultIdleTimeout = 30 * time.Minute
	DefaultCacheBytes  = 1 << 30
)

// Server is a running `callscope serve`.
type Server struct {
	cfg   Config
	ssh   *ssh.Server
	cache *cache
	cat   *catalog
	base  context.Context
	stop  context.CancelFunc

	ids atomic.Int64

	mu       sync.Mutex
	active   int
	closing  bool
	progs    map[int64]*tea.Program
	drained  chan struct{}       // closed when closing and no session is left
	attempts map[string]*attempt // connections authenticating, by remote address
}

// New builds a server from cfg; it listens once Serve or ListenAndServe
// is called.
func New(cfg Config) (*Server, error) {
	if cfg.Keys == nil || cfg.Audit == nil || len(cfg.HostKey) == 0 {
		return nil, errors.New("serve: Keys, Audit and HostKey are required")
	}
	if cfg.MaxSessions <= 0 {
		cfg.MaxSessions = DefaultMaxSessions
	}
	if cfg.IdleTimeout <= 0 {
		cfg.IdleTimeout = DefaultIdleTimeout
	}
	if cfg.CacheBytes <= 0 {
		cfg.CacheBytes = DefaultCacheBytes
	}
	if cfg.FetchTimeout <= 0 {
		cfg.FetchTimeout = 5 * time.Minute
	}
	if cfg.ListSince <= 0 {
		cfg.ListSince = 24 * time.Hour
	}
	if cfg.GraphMaxAge <= 0 {
		cfg.GraphMaxAge = 5 * time.Minute
	}
	if cfg.Notice <= 0 {
		cfg.Notice = 2 * time.Second
	}
	base, stop := context.WithCancel(context.Background())
	s := &Server{cfg: cfg, base: base, stop: stop, progs: map[int64]*tea.Program{}, drained: make(chan struct{}),
		attempts: map[string]*attempt{}}
	s.cache = newCache(base, cfg.CacheBytes, cfg.GraphMaxAge)
	s.cat = &catalog{dir: cfg.Records, dirTTL: 30 * time.Second, listTTL: time.Minute, since: cfg.ListSince,
		graph: cfg.Graph, base: base, now: time.Now}

	srv, err := wish.NewServer(
		wish.WithAddress(cfg.Addr),
		wish.WithHostKeyPEM(cfg.HostKey),
		// Only keys: with no password or keyboard-interactive handler the
		// server offers publickey alone (and with no handler at all it
		// would let anyone in).
		wish.WithPublicKeyAuth(s.allowKey),
		// A backstop for connections that send nothing at all; sessions
		// have their own idle timer that counts key presses only.
		wish.WithIdleTimeout(cfg.IdleTimeout+time.Minute),
		wish.WithMiddleware(func(ssh.Handler) ssh.Handler { return s.handle }),
	)
	if err != nil {
		return nil, err
	}
	srv.HandshakeTimeout = 30 * time.Second
	srv.ServerConfigCallback = func(ssh.Context) *gossh.ServerConfig {
		return &gossh.ServerConfig{AuthLogCallback: s.authLog}
	}
	srv.ConnectionFailedCallback = s.connFailed
	// Nothing but sessions: no forwarding, no subsystems (sftp).
	srv.SubsystemHandlers = map[string]ssh.SubsystemHandler{}
	s.ssh = srv
	return s, nil
}

// ListenAndServe listens on Config.Addr.
func (s *Server) ListenAndServe() error {
	ln, err := net.Listen("tcp", s.cfg.Addr)
	if err != nil {
		return err
	}
	return s.Serve(ln)
}

// Serve accepts connections on ln until Shutdown or Close.
func (s *Server) Serve(ln net.Listener) error {
	err := s.ssh.Serve(ln)
	if errors.Is(err, ssh.ErrServerClosed) {
		return nil
	}
	return err
}

// Shutdown stops taking connections, tells every explorer that the server
// is shutting down (each shows it and closes its session), waits for the
// sessions and connections to end until ctx is done, and then cuts what
// is left.
func (s *Server) Shutdown(ctx context.Context) error {
	s.mu.Lock()
	s.closing = true
	for _, p := range s.progs {
		go p.Send(shutdownMsg{})
	}
	if s.active == 0 {
		s.closeDrained()
	}
	s.mu.Unlock()
	_ = s.cfg.Audit.Log(Event{Action: ActServer, Detail: "shutting down"})

	var err error
	select {
	case <-s.drained:
		err = s.ssh.Shutdown(ctx)
	case <-ctx.Done():
		err = ctx.Err()
	}
	if err != nil {
		// Shutdown waits for every connection, and a client may keep one
		// open with no session (ssh -N, ControlMaster).
		_ = s.ssh.Close()
	}
	s.stop()
	return err
}

// Close cuts every connection at once.
func (s *Server) Close() error {
	s.stop()
	return s.ssh.Close()
}

func (s *Server) closeDrained() {
	select {
	case <-s.drained:
	default:
		close(s.drained)
	}
}

// allowKey is the public key check: a key of the authorized keys file
// (read again when it changed). Refusals are logged.
func (s *Server) allowKey(ctx ssh.Context, key ssh.PublicKey) bool {
	if _, ok := s.cfg.Keys.Lookup(key); ok {
		return true
	}
	_ = s.cfg.Audit.Log(Event{Fingerprint: gossh.FingerprintSHA256(key), Remote: addrString(ctx.RemoteAddr()),
		User: clip(ctx.User(), 64), Action: ActRefused, Detail: "unknown key"})
	return false
}

// authLog follows each connection's authentication: an attempt with
// anything but a key (the server offers publickey only) is logged as
// refused at once; a connection that ends with no key tried (a client
// that only has a password gives up when it sees publickey alone) is
// logged when it fails (connFailed). Unknown keys are logged by allowKey.
func (s *Server) authLog(c gossh.ConnMetadata, method string, err error) {
	remote := addrString(c.RemoteAddr())
	s.mu.Lock()
	defer s.mu.Unlock()
	if err == nil {
		delete(s.attempts, remote)
		return
	}
	a := s.attempts[remote]
	if a == nil {
		a = &attempt{}
		s.attempts[remote] = a
	}
	a.user = clip(c.User(), 64)
	switch method {
	case "none":
	case "publickey":
		a.keyTried = true
	default:
		a.keyTried = true
		_ = s.cfg.Audit.Log(Event{Remote: remote, User: a.user, Action: ActRefused,
			Detail: clip(method, 40) + " attempt: only keys are accepted"})
	}
}

// attempt is a connection's authentication so far.
type attempt struct {
	user     string
	keyTried bool
}

func (s *Server) connFailed(conn net.Conn, err error) {
	remote := addrString(conn.RemoteAddr())
	s.mu.Lock()
	defer s.mu.Unlock()
	a := s.attempts[remote]
	delete(s.attempts, remote)
	if a != nil && !a.keyTried {
		_ = s.cfg.Audit.Log(Event{Remote: remote, User: a.user, Action: ActRefused,
			Detail: "no key offered: only keys are accepted (no passwords)"})
	}
}

func addrString(a net.Addr) string {
	if a == nil {
		return ""
	}
	return a.String()
}

// who is the person behind a session, as the audit log names them.
type who struct {
	session                         int64
	fingerprint, comment, remote, u string
	role                            Role
}

func (s *Server) log(w who, action, detail string) error {
	return s.cfg.Audit.Log(Event{Session: w.session, Fingerprint: w.fingerprint, Comment: w.comment, Role: w.role,
		Remote: w.remote, User: w.u, Action: action, Detail: detail})
}

// admit counts a session in, unless the server is full or closing.
func (s *Server) admit() (ok bool, why string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case s.closing:
		return false, "callscope server is shutting down; try again later"
	case s.active >= s.cfg.MaxSessions:
		return false, fmt.Sprintf("server is full (%d sessions); try again later", s.cfg.MaxSessions)
	}
	s.active++
	return true, ""
}

func (s *Server) release() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.active--
	if s.closing && s.active == 0 {
		s.closeDrained()
	}
}

func (s *Server) track(id int64, p *tea.Program) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.progs[id] = p
	if s.closing {
		go p.Send(shutdownMsg{})
	}
}

func (s *Server) untrack(id int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.progs, id)
}

// handle is every session: who it is, whether it may start, then the
// explorer (with a terminal) or a plain command.
func (s *Server) handle(sess ssh.Session) {
	w := who{session: s.ids.Add(1), remote: addrString(sess.RemoteAddr()), u: clip(sess.User(), 64)}
	if pk := sess.PublicKey(); pk != nil {
		w.fingerprint = gossh.FingerprintSHA256(pk)
	}
	// The role is looked up again from the key that signed: a key taken
	// out of the file since the connection began opens nothing more.
	key, ok := s.cfg.Keys.Lookup(sess.PublicKey())
	if !ok {
		_ = s.log(w, ActRefused, "key no longer in the authorized keys file")
		fail(sess, 1, "callscope: your key is not allowed here")
		return
	}
	w.role, w.comment = key.Role, clip(key.Comment, 100)
	if ok, why := s.admit(); !ok {
		_ = s.log(w, ActRefused, why)
		fail(sess, 1, "callscope: "+why)
		return
	}
	defer s.release()

	args := sess.Command()
	if err := s.log(w, ActConnect, clip(strings.Join(args, " "), 200)); err != nil {
		fail(sess, 1, "callscope: the server cannot write its audit log, so it opens nothing; tell its admin")
		return
	}
	start := time.Now()
	defer func() { _ = s.log(w, ActDisconnect, time.Since(start).Round(time.Second).String()) }()
	code := s.run(sess, w, args)
	if code != 0 {
		_ = sess.Exit(code)
	}
}

// fail says why on the session's standard error and ends it with code.
func fail(sess ssh.Session, code int, msg string) {
	fmt.Fprintln(sess.Stderr(), msg)
	_ = sess.Exit(code)
}

// Usage is what `ssh host help` prints.
const Usage = `callscope over SSH:
  ssh -t HOST                         the picker: the server's records, Graph's recent calls and PSTN logs
  ssh -t HOST CALLID                  open that call in the explorer
  ssh HOST report [--format F] CALLID print its report: text, markdown or json
  ssh HOST help                       this text
`

// run dispatches a session's command and returns its exit code.
func (s *Server) run(sess ssh.Session, w who, args []string) int {
	_, _, hasPTY := sess.Pty()
	switch {
	case len(args) == 0 && hasPTY:
		return s.explore(sess, w, "")
	case len(args) == 0:
		fmt.Fprint(sess.Stderr(), "callscope: no terminal: use ssh -t for the picker, or: ssh HOST report CALLID\n")
		return 2
	case args[0] == "report":
		return s.report(sess, w, args[1:], false)
	case args[0] == "help" || args[0] == "-h" || args[0] == "--help":
		io.WriteString(sess, Usage)
		return 0
	case len(args) == 1 && !strings.HasPrefix(args[0], "-"):
		if hasPTY {
			return s.explore(sess, w, args[0])
		}
		// No terminal (ssh without -t): the text report, as callscope
		// prints it when its output is not a terminal, and the hint.
		return s.report(sess, w, args, true)
	}
	fmt.Fprintf(sess.Stderr(), "callscope: unknown command %q\n%s", clip(strings.Join(args, " "), 80), Usage)
	return 2
}
