package ui

import (
	"encoding/base64"
	"fmt"

	"github.com/charmbracelet/x/ansi"
)

// maxClipboard caps what OSC 52 carries: many terminals drop larger
// payloads (tmux and xterm keep about 100 kB), so callscope says so instead.
const maxClipboard = 75_000 // bytes of base64

// tooBig is whether text is more than terminals take through OSC 52.
func tooBig(text string) bool { return base64.StdEncoding.EncodedLen(len(text)) > maxClipboard }

// clipboardSequence is the OSC 52 sequence that puts text on the system
// clipboard, wrapped so that tmux or GNU screen pass it on to the terminal.
// Inside tmux or screen it goes twice: plain (tmux's `set-clipboard on`
// keeps a buffer and tells the terminal) and wrapped (tmux's
// `allow-passthrough on`, screen's passthrough); tmux's defaults take
// neither, which the README says. It fails, saying why and what to use
// instead (hint: Options.ReportHint), when the text is too big.
func clipboardSequence(text string, getenv func(string) string, hint string) (string, error) {
	if tooBig(text) {
		instead := "use --print-on-exit or callscope report"
		if hint != "" {
			instead = "use " + hint
		}
		return "", fmt.Errorf("too big to copy (%s; terminals take about %s): %s",
			sizeText(int64(len(text))), sizeText(maxClipboard*3/4), instead)
	}
	// The plain sequence always goes: over SSH from a local tmux or screen
	// the remote side sees neither TMUX nor STY, and the local one handles it.
	seq := ansi.SetSystemClipboard(text)
	switch {
	case getenv("TMUX") != "":
		seq += ansi.TmuxPassthrough(seq)
	case getenv("STY") != "":
		seq += ansi.ScreenPassthrough(seq, 768) // screen cuts longer strings
	}
	return seq, nil
}
