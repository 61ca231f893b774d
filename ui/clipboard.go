package ui

import (
	"encoding/base64"
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// maxClipboard caps what OSC 52 carries: many terminals drop larger
// payloads (tmux and xterm keep about 100 kB), so callscope says so instead.
const maxClipboard = 75_000 // bytes of base64

// clipboardSequence is the OSC 52 sequence that puts text on the system
// clipboard, wrapped so that tmux or GNU screen pass it on to the terminal.
// In tmux it goes twice: plain for `set-clipboard on` (tmux keeps a buffer
// and tells the terminal), wrapped for `allow-passthrough on`; tmux's
// defaults take neither, which the README says. It fails, saying why, when
// the text is too big.
func clipboardSequence(text string, getenv func(string) string) (string, error) {
	if n := base64.StdEncoding.EncodedLen(len(text)); n > maxClipboard {
		return "", fmt.Errorf("too big to copy (%s; terminals take about %s): use --print-on-exit or callscope report",
			sizeText(int64(len(text))), sizeText(maxClipboard*3/4))
	}
	seq := ansi.SetSystemClipboard(text)
	switch {
	case getenv("TMUX") != "":
		seq += ansi.TmuxPassthrough(seq)
	case getenv("STY") != "" || strings.HasPrefix(getenv("TERM"), "screen"):
		seq = ansi.ScreenPassthrough(seq, 768) // screen cuts longer strings
	}
	return seq, nil
}
