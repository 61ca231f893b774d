package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"github.com/callscope/callscope/graph"
	"github.com/callscope/callscope/serve"
	"github.com/callscope/callscope/text"
)

const serveUsage = `Usage: callscope serve --authorized-keys FILE [--listen :2222] [--host-key FILE]
                       [--records DIR] [--audit FILE] [--max-sessions N] [--idle-timeout D]

Serves the explorer over SSH to a support team: 'ssh -t -p 2222 HOST' gives a
picker of the records under --records and (with Graph credentials in this
server's environment) Graph's recent calls and PSTN and Direct Routing logs;
'ssh -t -p 2222 HOST CALLID' opens a call (a file under --records by its
name or the id inside, else from Graph); 'ssh -p 2222 HOST report CALLID'
prints its report. Only keys in
--authorized-keys get in; each key's option environment="CALLSCOPE_ROLE=..."
makes it an engineer (records as they are) or a specialist (pseudonymised as
'callscope redact' writes them; the default). Every session and every record
opened is written to the audit log. SIGTERM tells the sessions and closes them.

Flags:
`

func cmdServe(e *env, args []string) error {
	stdout, stderr := e.stdout, e.stderr
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	listen := fs.String("listen", ":2222", "the address to listen on")
	hostKey := fs.String("host-key", defaultHostKey(e.getenv), "the server's private key (`FILE`); created (ed25519, 0600) if missing")
	keysFile := fs.String("authorized-keys", "", "who may connect: OpenSSH authorized_keys `FILE`, with a role per key; read again when it changes")
	records := fs.String("records", "", "a `DIR` of records (.json, .json.gz; an archive of callscope fetch) offered in the picker")
	auditFile := fs.String("audit", "", "append the audit log (JSON lines) to this `FILE` (mode 0600) instead of standard error")
	maxSessions := fs.Int("max-sessions", serve.DefaultMaxSessions, "sessions at once; more are told the server is full")
	idle := fs.Duration("idle-timeout", serve.DefaultIdleTimeout, "close a session after this long without a key press")
	cacheSize := sizeFlag(serve.DefaultCacheBytes)
	fs.Var(&cacheSize, "cache", "memory for the records the sessions share (bytes read, pseudonymised copies, loaded models): a `SIZE` such as 2GiB")
	noGraph := fs.Bool("no-graph", false, "serve --records only, even with Graph credentials in the environment")
	listSince := fs.Duration("list-since", 24*time.Hour, "the picker lists the calls Graph has from this long ago")
	g := addGraphFlags(fs, false)
	pos, err := parseFlags(fs, args, stdout, serveUsage)
	if err != nil {
		return err
	}
	switch {
	case len(pos) > 0:
		return usageError{"serve takes no SOURCE: " + strings.Join(pos, " ") + "; give a folder with --records"}
	case *keysFile == "":
		return usageError{"serve needs --authorized-keys FILE: the keys that may connect (OpenSSH format)"}
	case *maxSessions < 1:
		return usageError{"--max-sessions must be 1 or more"}
	case *listSince <= 0:
		return usageError{"--list-since must be positive, e.g. 24h"}
	case *idle < time.Minute:
		return usageError{"--idle-timeout must be a minute or more, e.g. 30m"}
	case cacheSize < 64<<20:
		return usageError{"--cache must be 64MiB or more"}
	case *hostKey == "":
		return usageError{"give --host-key FILE: there is no home folder to keep the host key in"}
	}
	if *records != "" {
		if st, err := os.Stat(*records); err != nil || !st.IsDir() {
			return fmt.Errorf("--records %s is not a folder", *records)
		}
	}

	auditOut, closeAudit, err := openAudit(*auditFile, stderr)
	if err != nil {
		return err
	}
	defer closeAudit()
	audit := serve.NewAudit(auditOut)
	warnKeys := func(line int, fp, msg string) {
		where := *keysFile
		if line > 0 {
			where += ":" + strconv.Itoa(line)
		}
		_ = audit.Log(serve.Event{Fingerprint: fp, Action: serve.ActKeys, Detail: where + ": " + msg})
		if auditOut != stderr {
			fmt.Fprintln(stderr, "callscope serve: "+text.OneLine(where+": "+msg))
		}
	}
	keys, err := serve.OpenKeys(*keysFile, warnKeys)
	if err != nil {
		return err
	}
	if keys.Len() == 0 {
		fmt.Fprintln(stderr, "callscope serve: no key in "+*keysFile+" is allowed yet: nobody can connect until one is added")
	}
	pem, signer, created, err := serve.HostKey(*hostKey)
	if err != nil {
		return err
	}
	if created {
		fmt.Fprintf(stderr, "callscope serve: created the host key %s\n", *hostKey)
	}

	var newClient func() *graph.Client
	if !*noGraph {
		if newClient, err = graphForServe(e, g, stderr); err != nil {
			return err
		}
	}

	ln, err := net.Listen("tcp", *listen)
	if err != nil {
		return fmt.Errorf("cannot listen on %s: %v", *listen, err)
	}
	srv, err := serve.New(serve.Config{
		Addr: *listen, HostKey: pem, Keys: keys, Audit: audit, Records: *records, Graph: newClient,
		MaxSessions: *maxSessions, IdleTimeout: *idle, CacheBytes: int64(cacheSize), FetchTimeout: g.timeout, ListSince: *listSince,
	})
	if err != nil {
		ln.Close()
		return err
	}
	graphWord := "no Graph"
	if newClient != nil {
		graphWord = "Graph"
	}
	started := fmt.Sprintf("listening on %s, host key %s, %d keys, records %s, %s",
		ln.Addr(), gossh.FingerprintSHA256(signer.PublicKey()), keys.Len(), firstOf(*records, "none"), graphWord)
	fmt.Fprintln(stderr, "callscope serve: "+started)
	_ = audit.Log(serve.Event{Action: serve.ActServer, Detail: started})

	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, syscall.SIGTERM, os.Interrupt)
	defer signal.Stop(sigs)
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		return err
	case <-sigs:
	}
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	if err := srv.Shutdown(ctx); err != nil {
		fmt.Fprintln(stderr, "callscope serve: some connections were still open after 15s and were cut")
	}
	_ = audit.Log(serve.Event{Action: serve.ActServer, Detail: "stopped"})
	return nil
}

// defaultHostKey is $XDG_STATE_HOME/callscope/ssh_host_ed25519_key, or
// under ~/.local/state.
func defaultHostKey(getenv func(string) string) string {
	dir := getenv("XDG_STATE_HOME")
	if dir == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			return ""
		}
		dir = filepath.Join(home, ".local", "state")
	}
	return filepath.Join(dir, "callscope", "ssh_host_ed25519_key")
}

// openAudit opens the audit log for appending (created 0600), or stderr.
func openAudit(path string, stderr io.Writer) (io.Writer, func(), error) {
	if path == "" {
		return stderr, func() {}, nil
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return nil, nil, fmt.Errorf("cannot open the audit log: %v", err)
	}
	return f, func() { f.Close() }, nil
}

// graphForServe makes the server's Graph clients when this environment
// holds credentials: it asks for a token once, at start. Every client
// shares the token source, one pace within Graph's limits and one HTTP
// client; the credentials stay in this process.
func graphForServe(e *env, g *graphFlags, stderr io.Writer) (func() *graph.Client, error) {
	tmpl, err := g.client(e.getenv)
	var ue usageError
	if errors.As(err, &ue) {
		return nil, err
	}
	if err == nil {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		_, err = tmpl.Tokens.Token(ctx)
		cancel()
	}
	if err != nil {
		fmt.Fprintln(stderr, "callscope serve: "+noGraphLine(e.getenv, err))
		return nil, nil
	}
	limits, hc := serve.NewGraphLimits(), serve.NewGraphHTTP()
	root, tokens, audience := tmpl.Root, tmpl.Tokens, tmpl.Audience
	return func() *graph.Client {
		return &graph.Client{Root: root, Tokens: tokens, Audience: audience, Limits: limits, HTTP: hc}
	}, nil
}

// credentialVars are the environment variables Graph sign-in reads here
// (CALLSCOPE_ACCESS_TOKEN, then Azure's EnvironmentCredential).
var credentialVars = []string{graph.EnvToken, "AZURE_TENANT_ID", "AZURE_CLIENT_ID", "AZURE_CLIENT_SECRET", "AZURE_CLIENT_CERTIFICATE_PATH"}

// noGraphLine is the one short start-up line when there is no token: which
// variables to set, or, when some are set and sign-in still failed, where
// to see Azure's whole answer (it runs to several hundred characters).
func noGraphLine(getenv func(string) string, err error) string {
	var set []string
	for _, v := range credentialVars {
		if getenv(v) != "" {
			set = append(set, v)
		}
	}
	if len(set) == 0 {
		return "no Graph credentials here, serving --records only: set AZURE_TENANT_ID, AZURE_CLIENT_ID and " +
			"AZURE_CLIENT_SECRET (or AZURE_CLIENT_CERTIFICATE_PATH), or CALLSCOPE_ACCESS_TOKEN"
	}
	if getenv(graph.EnvToken) != "" && !strings.Contains(err.Error(), "\n") && len(err.Error()) <= 160 {
		return "no Graph token, serving --records only: " + text.OneLine(err.Error())
	}
	return "Graph sign-in failed with " + strings.Join(set, ", ") + " set, serving --records only: " +
		"'callscope list --since 1h' on this host shows Azure's whole answer"
}
