package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// startTmuxDirect runs argv as the pane's own process, with no shell in
// between: the way ssh -t host callscope, docker exec -it and a tmux window
// that names the program start it. The pane stays when the program ends,
// so that its exit status can be read.
func startTmuxDirect(t *testing.T, w, h int, argv ...string) *tmuxSession {
	t.Helper()
	s := &tmuxSession{t: t, socket: fmt.Sprintf("callscope-e2e-%d-%d", os.Getpid(), time.Now().UnixNano())}
	conf := filepath.Join(t.TempDir(), "tmux.conf")
	if err := os.WriteFile(conf, []byte("set -g remain-on-exit on\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	// Several arguments: tmux executes them without a shell.
	s.run(append([]string{"-f", conf, "new-session", "-d", "-x", fmt.Sprint(w), "-y", fmt.Sprint(h), "-s", "e2e"}, argv...)...)
	t.Cleanup(func() { exec.Command("tmux", "-L", s.socket, "kill-server").Run() })
	return s
}

// waitExit waits for the program that startTmuxNoJobControl ran to end
// and returns its exit status as the shell saw it (128+n for signal n).
// The shell prints it: tmux versions differ in whether, and when, they
// report a dead pane's status.
func (s *tmuxSession) waitExit() string {
	s.t.Helper()
	scr := s.waitFor("callscope exited ")
	rest := scr[strings.Index(scr, "callscope exited ")+len("callscope exited "):]
	return strings.Fields(rest + " ?")[0]
}

// TestEndToEndSuspendWithoutAShell: callscope in a terminal session with
// no job-control shell (sh -c, as ssh host cmd, cron-started tmux windows
// and docker exec run it: its process group is the session's). ctrl+z
// must not suspend (nobody could resume it: it would hang on a blank
// screen with q and ctrl+c dead); the footer says why, and the program
// goes on: keys work and q quits with status 0.
func TestEndToEndSuspendWithoutAShell(t *testing.T) {
	needTmux(t)
	bin := buildBinary(t)
	demo, _ := filepath.Abs(filepath.Join("samples", "demo.json"))
	s := startTmuxDirect(t, 120, 30, "sh", "-c", `"$0" "$1"; echo "callscope exited $?"; sleep 600`, bin, demo)
	s.waitFor("Alice Okafor → Conference server")
	s.keys("C-z")
	s.waitFor("can't suspend: no job-control shell here to resume callscope")
	s.keys("?")
	s.waitFor("Keys  (? or esc to close)")
	s.keys("q") // closes the help
	s.waitFor("] next problem")
	s.keys("q")
	if st := s.waitExit(); st != "0" {
		t.Errorf("exit status %s", st)
	}
}

// TestEndToEndSuspendInAShell: under an interactive shell, ctrl+z stops
// callscope, the shell says so, and fg brings it back where it was.
func TestEndToEndSuspendInAShell(t *testing.T) {
	needTmux(t)
	bin := buildBinary(t)
	s := startTmuxDirect(t, 120, 30, "env", "PS1=sh$ ", "bash", "--norc", "--noprofile", "-i")
	s.waitFor("sh$")
	s.keys(bin, "Enter")
	s.waitFor("Alice Okafor → Conference server")
	s.keys("j", "l")
	s.keys("C-z")
	scr := s.waitFor("Stopped")
	if strings.Contains(scr, "can't suspend") || strings.Contains(scr, "Alice Okafor → Conference server") {
		t.Errorf("not suspended under a job-control shell:\n%s", scr)
	}
	s.keys("fg", "Enter")
	s.waitFor("Alice Okafor → Conference server")
	s.keys("q")
	s.waitFor("sh$")
	s.keys("echo status=$?", "Enter")
	s.waitFor("status=0")
}

// TestEndToEndTokenNeverOnScreen: the explorer fetching from a Graph that
// echoes the token: the error it ends with shows no token.
func TestEndToEndTokenNeverOnScreen(t *testing.T) {
	needTmux(t)
	bin := buildBinary(t)
	for _, how := range echoes {
		t.Run(how, func(t *testing.T) {
			srv := echoGraph(t, how)
			env := fmt.Sprintf("env CALLSCOPE_GRAPH_URL=%s CALLSCOPE_ACCESS_TOKEN=%s ", srv.URL, echoToken)
			s := startTmux(t, 200, 30, env+bin+" --id "+demoID)
			scr := s.waitFor("exit=1")
			if !strings.Contains(scr, "callscope: ") {
				t.Errorf("no error shown:\n%s", scr)
			}
			noTokenIn(t, "the screen", scr)
		})
	}
}
