package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"crypto/ed25519"
	"crypto/rand"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	gossh "golang.org/x/crypto/ssh"

	"github.com/callscope/callscope/samples"
)

func TestServeUsageErrors(t *testing.T) {
	dir := t.TempDir()
	keys := filepath.Join(dir, "keys")
	os.WriteFile(keys, nil, 0o600)
	for _, c := range []struct {
		args []string
		code int
		says string
	}{
		{[]string{"serve"}, 2, "--authorized-keys"},
		{[]string{"serve", "--authorized-keys", keys, "--idle-timeout", "10s"}, 2, "--idle-timeout"},
		{[]string{"serve", "--authorized-keys", keys, "--max-sessions", "0"}, 2, "--max-sessions"},
		{[]string{"serve", "--authorized-keys", keys, "somefile.json"}, 2, "no SOURCE"},
		{[]string{"serve", "--authorized-keys", filepath.Join(dir, "none")}, 1, "authorized keys"},
		{[]string{"serve", "--authorized-keys", keys, "--records", filepath.Join(dir, "nope")}, 1, "--records"},
	} {
		code, _, errs := runCLI(t, "", c.args...)
		if code != c.code || !strings.Contains(errs, c.says) {
			t.Errorf("%v: exit %d, %q", c.args, code, errs)
		}
	}
	if code, out, _ := runCLI(t, "", "serve", "-h"); code != 0 || !strings.Contains(out, "CALLSCOPE_ROLE") {
		t.Errorf("serve -h: exit %d\n%s", code, out)
	}
}

// The server's Graph clients share one pace, one token source and one
// HTTP client.
func TestServeGraphClientsShareOnePace(t *testing.T) {
	t.Setenv("CALLSCOPE_ACCESS_TOKEN", "tok")
	t.Setenv("CALLSCOPE_GRAPH_URL", "")
	var stderr bytes.Buffer
	newClient, err := graphForServe(&env{getenv: os.Getenv}, &graphFlags{cloud: "global"}, &stderr)
	if err != nil || newClient == nil {
		t.Fatalf("%v %q", err, stderr.String())
	}
	a, b := newClient(), newClient()
	if a == b || a.Limits == nil || a.Limits != b.Limits || a.HTTP == nil || a.HTTP != b.HTTP || a.Tokens != b.Tokens {
		t.Fatal("the clients do not share one pace, HTTP client and token source")
	}
	if _, err := graphForServe(&env{getenv: os.Getenv}, &graphFlags{cloud: "nowhere"}, &stderr); err == nil {
		t.Fatal("an unknown cloud was taken")
	}
}

type lockedBuf struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuf) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuf) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return ansi.Strip(l.b.String())
}

// The binary as an admin runs it: it creates its host key, serves a
// session, and on SIGTERM tells the session, closes it and exits 0; the
// audit log is private and has the session in it.
func TestServeBinarySIGTERM(t *testing.T) {
	bin := buildBinary(t)
	dir := t.TempDir()
	_, priv, _ := ed25519.GenerateKey(rand.Reader)
	signer, _ := gossh.NewSignerFromKey(priv)
	keys := filepath.Join(dir, "authorized_keys")
	os.WriteFile(keys, []byte(`environment="CALLSCOPE_ROLE=engineer" `+string(gossh.MarshalAuthorizedKey(signer.PublicKey()))), 0o600)
	records := filepath.Join(dir, "records", "2026-02-17")
	os.MkdirAll(records, 0o700)
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(samples.Demo)
	zw.Close()
	os.WriteFile(filepath.Join(records, demoID+".v3.json.gz"), gz.Bytes(), 0o600)
	hostKey := filepath.Join(dir, "state", "host_key")
	audit := filepath.Join(dir, "audit.log")

	cmd := exec.Command(bin, "serve", "--listen", "127.0.0.1:0", "--authorized-keys", keys, "--host-key", hostKey,
		"--records", filepath.Dir(records), "--audit", audit, "--no-graph")
	cmd.Env = []string{"HOME=" + dir, "PATH=" + os.Getenv("PATH")}
	stderr, _ := cmd.StderrPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	lines := bufio.NewScanner(stderr)
	var addr string
	for addr == "" && lines.Scan() {
		if _, rest, ok := strings.Cut(lines.Text(), "listening on "); ok {
			addr, _, _ = strings.Cut(rest, ",")
		}
	}
	if addr == "" {
		t.Fatal("the server never said where it listens")
	}
	go func() {
		for lines.Scan() {
		}
	}()

	client, err := gossh.Dial("tcp", addr, &gossh.ClientConfig{User: "alice", Auth: []gossh.AuthMethod{gossh.PublicKeys(signer)},
		HostKeyCallback: gossh.InsecureIgnoreHostKey(), Timeout: 10 * time.Second}) // test only
	if err != nil {
		t.Fatal(err)
	}
	defer client.Close()
	sess, _ := client.NewSession()
	sess.RequestPty("xterm-256color", 30, 100, gossh.TerminalModes{})
	var out, errOut lockedBuf
	sess.Stdout, sess.Stderr = &out, &errOut
	stdin, _ := sess.StdinPipe()
	defer stdin.Close()
	if err := sess.Start(demoID); err != nil {
		t.Fatal(err)
	}
	waitOut := func(b *lockedBuf, want string) {
		t.Helper()
		for deadline := time.Now().Add(20 * time.Second); !strings.Contains(b.String(), want); time.Sleep(20 * time.Millisecond) {
			if time.Now().After(deadline) {
				t.Fatalf("never saw %q in:\n%s", want, b.String())
			}
		}
	}
	waitOut(&out, "Alice Okafor")
	cmd.Process.Signal(syscall.SIGTERM)
	waitOut(&out, "callscope server is shutting down")
	if err := sess.Wait(); err != nil {
		t.Fatalf("session: %v", err)
	}
	waitOut(&errOut, "server is shutting down")
	client.Close()
	if err := cmd.Wait(); err != nil {
		t.Fatalf("the server did not exit 0: %v", err)
	}
	for path, want := range map[string]os.FileMode{hostKey: 0o600, audit: 0o600} {
		if st, err := os.Stat(path); err != nil || st.Mode().Perm() != want {
			t.Errorf("%s: %v %v", filepath.Base(path), st.Mode().Perm(), err)
		}
	}
	log, _ := os.ReadFile(audit)
	for _, want := range []string{`"action":"server","detail":"listening on`, `"action":"connect"`, `"action":"open"`,
		`"action":"disconnect"`, `"detail":"shutting down"`, `"detail":"stopped"`} {
		if !strings.Contains(string(log), want) {
			t.Errorf("the audit log lacks %s:\n%s", want, log)
		}
	}
}

// Without a token the start-up line is one short line that names the
// variables to set, not Azure's several hundred characters.
func TestServeNoGraphLineIsShort(t *testing.T) {
	azure := errors.New("cannot get a token for https://graph.microsoft.com/.default: DefaultAzureCredential: failed to acquire a token.\n" +
		"Attempted credentials:\n\tEnvironmentCredential: missing environment variable AZURE_TENANT_ID\n\tWorkloadIdentityCredential: no client ID specified. " +
		"Check pod configuration or set ClientID in the options\n\tManagedIdentityCredential: managed identity timed out. See https://aka.ms/azsdk/go/identity/troubleshoot#dac for more information\n" +
		"\tAzureCLICredential: Azure CLI not found on path\n\tAzureDeveloperCLICredential: Azure Developer CLI not found on path; set AZURE_TENANT_ID, …")
	none := func(string) string { return "" }
	line := noGraphLine(none, azure)
	if len(line) > 200 || strings.Contains(line, "WorkloadIdentity") || strings.Contains(line, "\n") {
		t.Errorf("%d characters: %q", len(line), line)
	}
	for _, want := range []string{"AZURE_TENANT_ID", "AZURE_CLIENT_ID", "AZURE_CLIENT_SECRET", "AZURE_CLIENT_CERTIFICATE_PATH", "CALLSCOPE_ACCESS_TOKEN", "--records only"} {
		if !strings.Contains(line, want) {
			t.Errorf("%q lacks %s", line, want)
		}
	}
	some := func(k string) string {
		if k == "AZURE_CLIENT_SECRET" {
			return "s3cret-value"
		}
		return ""
	}
	line = noGraphLine(some, azure)
	if len(line) > 200 || strings.Contains(line, "s3cret") || !strings.Contains(line, "AZURE_CLIENT_SECRET set") || !strings.Contains(line, "callscope list") {
		t.Errorf("with a secret set: %q", line)
	}
	tok := func(k string) string {
		if k == "CALLSCOPE_ACCESS_TOKEN" {
			return "a b"
		}
		return ""
	}
	bad := errors.New("CALLSCOPE_ACCESS_TOKEN holds characters a bearer token cannot have (spaces, line breaks, or non-ASCII): set it to the token alone")
	if line = noGraphLine(tok, bad); !strings.Contains(line, "set it to the token alone") {
		t.Errorf("a bad token's own short message is lost: %q", line)
	}
}
