package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/callscope/callscope/internal/fixture"
)

// tmuxSession drives the real binary in a terminal: tmux on a private
// socket, so nothing touches the user's own tmux.
type tmuxSession struct {
	t      *testing.T
	socket string
}

// needTmux finds tmux. CI installs it (.ci/run), so there its absence fails;
// elsewhere the test says how to get it, on the terminal too, and skips.
func needTmux(t *testing.T) {
	t.Helper()
	fixture.NeedTool(t, "tmux", "the end-to-end tests drive callscope in tmux (apt-get install tmux)")
}

func buildBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "callscope")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	return bin
}

func startTmux(t *testing.T, w, h int, command string) *tmuxSession {
	t.Helper()
	s := &tmuxSession{t: t, socket: fmt.Sprintf("callscope-e2e-%d-%d", os.Getpid(), time.Now().UnixNano())}
	// set-clipboard on: an OSC 52 from the program would become a tmux
	// buffer, which the hostile test looks for.
	conf := filepath.Join(t.TempDir(), "tmux.conf")
	if err := os.WriteFile(conf, []byte("set -g set-clipboard on\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	s.run("-f", conf, "new-session", "-d", "-x", fmt.Sprint(w), "-y", fmt.Sprint(h), "-s", "e2e", "sh", "-c", command+`; echo "exit=$?"; sleep 30`)
	t.Cleanup(func() { exec.Command("tmux", "-L", s.socket, "kill-server").Run() })
	return s
}

func (s *tmuxSession) run(args ...string) string {
	s.t.Helper()
	out, err := exec.Command("tmux", append([]string{"-L", s.socket}, args...)...).CombinedOutput()
	if err != nil {
		s.t.Fatalf("tmux %v: %v\n%s", args, err, out)
	}
	return string(out)
}

func (s *tmuxSession) screen() string { return s.run("capture-pane", "-p", "-t", "e2e") }

func (s *tmuxSession) keys(keys ...string) {
	s.run(append([]string{"send-keys", "-t", "e2e"}, keys...)...)
}

// waitFor polls the screen until it shows want; the limit only bounds a
// failing run, it measures nothing.
func (s *tmuxSession) waitFor(want string) string {
	s.t.Helper()
	var scr string
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if scr = s.screen(); strings.Contains(scr, want) {
			return scr
		}
	}
	s.t.Fatalf("the screen never showed %q:\n%s", want, scr)
	return ""
}

func TestEndToEndDemo(t *testing.T) {
	needTmux(t)
	bin := buildBinary(t)
	s := startTmux(t, 120, 40, bin)
	s.waitFor("Alice Okafor → Conference server")
	s.waitFor("? all keys • q quit")
	s.keys("j", "l", "l", "l", "l", "l", "j", "j") // Alice's received audio
	scr := s.waitFor("Stream · 3847120569")
	for _, want := range []string{"✗ poor audio", "packet loss 15.2 % > 10 %"} {
		if !strings.Contains(scr, want) {
			t.Errorf("screen lacks %q:\n%s", want, scr)
		}
	}
	s.keys("?")
	s.waitFor("Keys  (? or esc to close)")
	// A lone Esc followed at once by G would arrive as alt+G: pause as a
	// person does.
	s.keys("Escape")
	s.waitFor("── Tree")
	s.keys("G")
	s.waitFor("Conference server → +14255550123")
	s.keys("q")
	s.waitFor("exit=0")
}

func TestEndToEndStdinAndHostileNames(t *testing.T) {
	needTmux(t)
	bin := buildBinary(t)
	hostile, _ := filepath.Abs(filepath.Join("ui", "testdata", "hostile.json"))
	// The record comes on standard input; keys still come from the terminal.
	s := startTmux(t, 160, 40, fmt.Sprintf("cat %q | %s -", hostile, bin))
	s.waitFor("EveRed")
	s.keys("4", "j", "tab")
	s.waitFor("Mallory")
	s.keys("tab", "G", "tab")
	s.waitFor("Stream")
	if out, _ := exec.Command("tmux", "-L", s.socket, "list-buffers").CombinedOutput(); strings.TrimSpace(string(out)) != "" {
		t.Errorf("an OSC 52 clipboard write reached the terminal: tmux buffers %q", out)
	}
	s.keys("q")
	s.waitFor("exit=0")
}

func TestEndToEndBadFile(t *testing.T) {
	needTmux(t)
	bin := buildBinary(t)
	bad := filepath.Join(t.TempDir(), "bad.json")
	if err := os.WriteFile(bad, []byte("{\n  \"id\": \"x\",\n  \"sessions\": [\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	s := startTmux(t, 120, 10, bin+" "+bad)
	scr := s.waitFor("exit=1")
	if !strings.Contains(scr, "bad.json:4:1: invalid JSON: the file ends early") {
		t.Errorf("no clear error:\n%s", scr)
	}
}

// Fetching from (a fake) Graph: progress, then the explorer; and the list's
// picker: type to filter, enter fetches and opens.
func TestEndToEndGraph(t *testing.T) {
	needTmux(t)
	bin := buildBinary(t)
	srv := fakeGraph(t)
	env := fmt.Sprintf("env CALLSCOPE_GRAPH_URL=%s CALLSCOPE_ACCESS_TOKEN=%s ", srv.URL, testToken)

	s := startTmux(t, 120, 30, env+bin+" --id "+demoID)
	s.waitFor("Alice Okafor → Conference server")
	s.keys("q")
	s.waitFor("exit=0")

	s = startTmux(t, 140, 20, env+bin+" list --from 2026-11-01 --to 2026-11-02")
	s.waitFor("2 of 2 call records")
	s.keys("p", "e", "e", "r")
	s.waitFor("1 of 2 call records")
	s.keys("BSpace", "BSpace", "BSpace", "BSpace")
	s.waitFor("2 of 2 call records")
	// Newest first: the peer-to-peer call, which (fake) Graph does not
	// have. Its failure brings the picker back on it, saying why.
	s.keys("Enter")
	s.waitFor("could not open 22222222-2222-4222-8222-222222222222")
	s.keys("Down", "Enter")
	s.waitFor("Alice Okafor → Conference server")
	s.keys("q")
	s.waitFor("exit=0")
}
