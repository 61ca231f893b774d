package ui

import (
	"encoding/base64"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
)

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestClipboardSequences(t *testing.T) {
	payload := base64.StdEncoding.EncodeToString([]byte("hello"))
	plain := "\x1b]52;c;" + payload + "\x07"
	cases := []struct {
		name string
		env  map[string]string
		want string
	}{
		{"plain terminal", nil, plain},
		// tmux: plain for set-clipboard on, wrapped for allow-passthrough on.
		{"tmux", map[string]string{"TMUX": "/tmp/tmux-0/default,1,0"}, plain + "\x1bPtmux;\x1b\x1b]52;c;" + payload + "\x07\x1b\\"},
		{"screen", map[string]string{"STY": "1.pts-0"}, plain + "\x1bP" + plain + "\x1b\\"},
		// Over SSH from a local tmux: TERM says screen, but neither runs here.
		{"TERM=screen without screen", map[string]string{"TERM": "screen-256color"}, plain},
	}
	for _, c := range cases {
		got, err := clipboardSequence("hello", env(c.env), "")
		if err != nil || got != c.want {
			t.Errorf("%s: %q, %v\nwant %q", c.name, got, err, c.want)
		}
	}
	big := strings.Repeat("x", maxClipboard)
	if _, err := clipboardSequence(big, env(nil), ""); err == nil || !strings.Contains(err.Error(), "too big to copy") {
		t.Errorf("oversized: %v", err)
	}
	// GNU screen cuts long strings: the payload goes in chunks.
	long, _ := clipboardSequence(strings.Repeat("y", 3000), env(map[string]string{"STY": "x"}), "")
	if strings.Count(long, "\x1bP") < 4 {
		t.Errorf("a long copy in screen is not chunked: %d chunks", strings.Count(long, "\x1bP"))
	}
}

// copied runs y and a key, and returns the status and what reached the clipboard.
func copied(t *testing.T, m *Model, k string) (*Model, string) {
	t.Helper()
	m = press(m, "y")
	nm, cmd := m.Update(keyMsg(k))
	m = nm.(*Model)
	if cmd == nil {
		return m, ""
	}
	raw, ok := cmd().(tea.RawMsg)
	if !ok {
		t.Fatalf("y %s did not write to the terminal", k)
	}
	seq := raw.Msg.(string) // plain: the test's environment has no tmux
	b64 := strings.TrimSuffix(strings.TrimPrefix(seq, "\x1b]52;c;"), "\x07")
	text, err := base64.StdEncoding.DecodeString(b64)
	if err != nil {
		t.Fatalf("not an OSC 52 sequence: %q", seq)
	}
	return m, string(text)
}

func TestCopyKeys(t *testing.T) {
	f := demoFile(t)
	base := loaded(f, 160, 50)
	base.ctx.Opts.Getenv = env(nil)
	m := press(base, "j", "l", "l", "l", "l", "l", "j", "j") // Alice's received audio
	st := resolve(f, m.ctx.Tree.Selected()).st
	cases := map[string]string{
		"y": st.Raw,
		"p": ".sessions[0].segments[0].media[0].streams[1]",
		"i": "3847120569",
	}
	for k, want := range cases {
		m2, got := copied(t, m, k)
		if got != want {
			t.Errorf("y %s copied %.60q, want %.60q", k, got, want)
		}
		if !strings.Contains(screen(m2), "copied ") {
			t.Errorf("y %s: no confirmation on the status line", k)
		}
		if m2.LastCopy() != want {
			t.Error("the last copy is kept for --print-on-exit")
		}
	}
	_, pane := copied(t, m, "s")
	if !strings.Contains(pane, "✗ poor audio") || strings.Contains(pane, "\x1b") {
		t.Errorf("pane text: %q", pane)
	}
	_, md := copied(t, m, "m")
	if !strings.HasPrefix(md, "### Stream 3847120569: Conference server → Alice Okafor (audio)") || !strings.Contains(md, "| **Packet loss (average)** | 15.2 % |") {
		t.Errorf("markdown:\n%s", md)
	}
	if m2, got := copied(t, m, "x"); got != "" || !strings.Contains(screen(m2), "nothing copied") {
		t.Error("an unknown key after y must copy nothing and say so")
	}
	// The call's JSON is too big for OSC 52 on a big meeting: it says so.
	big, _ := generated(t, 300)
	mb := loaded(big, 160, 50)
	mb.ctx.Opts.Getenv = env(nil)
	if m2, got := copied(t, mb, "y"); got != "" || !strings.Contains(screen(m2), "too big to copy") || m2.LastCopy() == "" {
		t.Errorf("oversized copy: %q", screen(m2))
	}
}

func TestRawView(t *testing.T) {
	f := demoFile(t)
	m := press(loaded(f, 160, 50), "r")
	s := screen(m)
	for _, want := range []string{`Raw JSON · Call b3f0c6a2 · .`, `"id": "b3f0c6a2-7d41-4e9b-8c15-2f6e9a4d7b38",`, `"version": 3,`} {
		if !strings.Contains(s, want) {
			t.Errorf("raw view lacks %q:\n%s", want, s)
		}
	}
	if all := rawText(f, Node{}); !strings.Contains(all, `"sessions": "… 6 sessions: rows of their own in the tree"`) {
		t.Errorf("the call's sessions are not elided:\n%s", all)
	}
	m = press(m, "j", "l", "l", "l", "l", "l", "j", "j")
	s = screen(m)
	for _, want := range []string{"Raw JSON · Stream · 3847120569 · .sessions[0].segments[0].media[0].streams[1]", `"averageJitter": "PT0.041S"`} {
		if !strings.Contains(s, want) {
			t.Errorf("raw view lacks %q:\n%s", want, s)
		}
	}
	if m = press(m, "r"); strings.Contains(screen(m), "Raw JSON") {
		t.Error("r again must go back to the details")
	}
	if m = press(m, "r", "esc"); strings.Contains(screen(m), "Raw JSON") {
		t.Error("esc must leave the raw view")
	}
	// Unknown fields are shown, hostile text is cleaned.
	h := press(loaded(hostileFile(t), 160, 50), "r")
	if bad := foreignSequence(h.View().Content); bad != "" {
		t.Errorf("raw view of the hostile record: %q", bad)
	}
	demoRaw := rawText(f, Node{Level: LevelSession, Se: 4})
	if !strings.Contains(demoRaw, `"segments": "… 1 segments`) {
		t.Errorf("children not elided:\n%s", demoRaw)
	}
}
