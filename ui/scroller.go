package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
)

// scroller is the one scroller of the details, raw JSON and help panes: a
// bubbles viewport (the offset, its clamping, top and bottom) whose own
// keys are off (its f, d, space, h and l mean other things here), driven by
// the key map. Its lines are built to the pane's width by their owner: no
// soft wrap (O(all lines) a key).
type scroller struct {
	vp    viewport.Model
	lines block
}

func newScroller() scroller {
	vp := viewport.New() // not a zero Model: its first Update would reset KeyMap
	vp.KeyMap = viewport.KeyMap{}
	vp.MouseWheelEnabled = false // the Model scrolls on the wheel
	vp.SetHorizontalStep(0)
	return scroller{vp: vp}
}

func (s *scroller) setSize(w, h int) {
	s.vp.SetWidth(max(w, 0))
	s.vp.SetHeight(max(h, 0))
	s.vp.SetYOffset(s.vp.YOffset()) // SetHeight does not clamp
}

// setLines shows lines from the top; keep says stay where it was.
func (s *scroller) setLines(lines block, keep bool) {
	off := s.vp.YOffset()
	s.lines = lines
	// The viewport keeps the offset over as many rows as there are lines;
	// view draws the lines, built to the width, itself. So the viewport is
	// given blank rows: its width pass over real lines (ansi.StringWidth
	// each) cost 130 µs a selection on the call's pane, more than
	// building the pane.
	s.vp.SetContentLines(make([]string, len(lines)))
	if !keep {
		off = 0
	}
	s.vp.SetYOffset(off)
}

func (s *scroller) offset() int     { return s.vp.YOffset() }
func (s *scroller) setOffset(n int) { s.vp.SetYOffset(n) }
func (s *scroller) scroll(d int)    { s.vp.SetYOffset(s.vp.YOffset() + d) }

// handleKey scrolls on the key map's movement keys.
func (s *scroller) handleKey(msg tea.KeyPressMsg, k *KeyMap) bool {
	half := max(s.vp.Height()/2, 1)
	switch {
	case key.Matches(msg, k.Down):
		s.scroll(1)
	case key.Matches(msg, k.Up):
		s.scroll(-1)
	case key.Matches(msg, k.PageDown):
		s.scroll(half)
	case key.Matches(msg, k.PageUp):
		s.scroll(-half)
	case key.Matches(msg, k.Top):
		s.vp.GotoTop()
	case key.Matches(msg, k.Bottom):
		s.vp.GotoBottom()
	default:
		return false
	}
	return true
}

// view is the lines on screen, exactly the pane's size.
func (s *scroller) view() string { return strings.Join(s.viewLines(), "\n") }

// viewLines are the lines on screen, h of them. The lines are built to the
// width, so this is what viewport.View draws, without its lipgloss pass
// over the frame (0.4 ms a key on the big meeting's bench).
func (s *scroller) viewLines() []string {
	w, h := s.vp.Width(), s.vp.Height()
	if h <= 0 {
		return nil
	}
	off := min(s.vp.YOffset(), len(s.lines))
	out := make([]string, 0, h)
	out = append(out, s.lines[off:min(off+h, len(s.lines))]...)
	return padLines(out, spaces(w), h)
}
