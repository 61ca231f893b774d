package ui

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

// block is a list of styled lines, each at most its width: the detail pane
// is built from blocks once per selection and only sliced when drawn.
type block []string

// field is one label and its (already styled and cleaned) value.
type field struct{ label, value string }

// labelWidth is the label column of every section, so that sections line
// up under each other; narrow panes give it less.
const labelWidth = 22

// section renders a titled list of fields at width w. Empty values show as
// a muted "—", so a missing metric never reads as zero. Long values wrap
// under their column: ids and user agents must be readable in full.
func section(title string, fields []field, w int, st styles) block {
	if len(fields) == 0 {
		return nil // no empty blocks: a title over nothing says nothing
	}
	var b block
	if title != "" {
		b = append(b, fit(st.title.Render(title), w))
	}
	labelW := 0
	for _, f := range fields {
		labelW = max(labelW, ansi.StringWidth(f.label))
	}
	labelW = min(labelW, labelWidth, max(w*2/5, 4))
	valueW := max(w-labelW-1, 1)
	indent := strings.Repeat(" ", labelW+1)
	for _, f := range fields {
		v := f.value
		if v == "" || v == dash {
			v = st.muted.Render(dash)
		}
		lines := strings.Split(ansi.Wrap(v, valueW, " /-"), "\n")
		b = append(b, fit(st.label.Render(fit(f.label, labelW))+" "+lines[0], w))
		for _, l := range lines[1:] {
			b = append(b, fit(indent+l, w))
		}
	}
	return b
}

// blank is whether a value shows nothing: "—", or "— / —".
func blank(v string) bool { return strings.Trim(ansi.Strip(v), "—/ ") == "" }

// someFields are fields minus the optional ones (by label) that are
// blank; none at all when every value is blank, so that a stream shows no
// empty Video block, nor an audio codec line on a video stream.
func someFields(fs []field, optional ...string) []field {
	out := fs[:0:0]
	shown := false
	for _, f := range fs {
		if blank(f.value) {
			if slices.Contains(optional, f.label) {
				continue
			}
		} else {
			shown = true
		}
		out = append(out, f)
	}
	if !shown {
		return nil
	}
	return out
}

// paragraph wraps plain text to w, each line styled. Continuation lines
// hang under the first word: "  • packet loss …" wraps under "packet".
func paragraph(text string, w int, style interface{ Render(...string) string }) block {
	if w <= 0 {
		return nil
	}
	body := strings.TrimLeft(text, " ")
	head := len(text) - len(body) // bytes before the text proper…
	hang := head                  // …and the columns they take
	// A one-character mark and a space ("• ", "✗ ") hang the rest under the text.
	if r, size := utf8.DecodeRuneInString(body); size > 0 && r != ' ' && strings.HasPrefix(body[size:], " ") && ansi.StringWidth(string(r)) == 1 {
		head += size + 1
		hang += 2
	}
	if hang >= w/2 {
		head, hang = 0, 0
	}
	var b block
	for i, line := range strings.Split(ansi.Wrap(text[head:], w-hang, ""), "\n") {
		if i == 0 {
			line = text[:head] + line
		} else {
			line = strings.Repeat(" ", hang) + line
		}
		b = append(b, fit(style.Render(line), w))
	}
	return b
}

// columns puts two blocks side by side with a rule between them.
func columns(a, b block, wa, wb int, st styles) block {
	n := max(len(a), len(b))
	out := make(block, n)
	sep := st.border.Render(" │ ")
	for i := range n {
		l, r := strings.Repeat(" ", wa), ""
		if i < len(a) {
			l = fit(a[i], wa)
		}
		if i < len(b) {
			r = b[i]
		}
		out[i] = l + sep + fit(r, wb)
	}
	return out
}

// pair lays two blocks out side by side when there is room, else one
// above the other (and so when built to be copied, unwrapped).
func pair(w, minW int, st styles, build func(w int) (block, block)) block {
	if w >= minW && w < unwrappedWidth {
		wa := (w - 3) / 2
		a, b := build(wa)
		return columns(a, b, wa, w-3-wa, st)
	}
	a, b := build(w)
	return append(append(a, ""), b...)
}

// join stacks blocks with a blank line between them.
func join(bs ...block) block {
	var out block
	for _, b := range bs {
		if len(b) == 0 {
			continue
		}
		if len(out) > 0 {
			out = append(out, "")
		}
		out = append(out, b...)
	}
	return out
}
