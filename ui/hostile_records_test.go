package ui

import (
	"fmt"
	"testing"

	"github.com/callscope/callscope/data"
	attack "github.com/callscope/callscope/internal/hostile"
	"github.com/callscope/callscope/load"
	"github.com/callscope/callscope/samples"
	"github.com/callscope/callscope/text"
)

// copyText copies as y then k does (TestCopyKeys drives the keys), and
// returns what went to the clipboard (the last copy, kept for
// --print-on-exit) and the model after.
func copyText(m *Model, k string) (*Model, string) {
	m = press(m, "y", k)
	return m, m.LastCopy()
}

// checkCopies copies node n every way and checks each copy: the JSON and
// the id go to the clipboard exactly as the file has them, the jq path and
// the pane text are terminal text, the markdown is inert, and what
// --print-on-exit would print on a terminal is clean. With frame, the
// node's frame after the copies, with the status line, is checked too.
func checkCopies(m *Model, n Node, w, h int, frame bool) string {
	m.ctx.Tree.Reveal(n)
	m = step(m, nil) // rebuild the detail pane, as a key press would
	p := resolve(m.ctx.File, n)
	for _, k := range []string{"y", "p", "i", "s", "m"} {
		m2, copied := copyText(m, k)
		var problem string
		switch k {
		case "y":
			if copied != p.raw(n.Level) {
				problem = "the JSON copy is not the node's JSON"
			}
		case "i":
			if copied != p.id(n.Level) {
				problem = "the id copy is not the node's id"
			}
		case "p":
			problem = attack.Terminal(copied, false, false)
		case "s":
			problem = attack.Terminal(copied, true, false)
		case "m":
			problem = attack.Markdown(copied)
		}
		if problem == "" {
			problem = attack.Terminal(text.CleanLines(copied), true, false)
		}
		if problem == "" && frame && k == "m" {
			problem = attack.Screen(m2.View().Content, w, h)
		}
		if problem != "" {
			return fmt.Sprintf("node %+v, y %s: %s", n, k, problem)
		}
	}
	return ""
}

// screens are the keys that lead from a node to each screen: the node with
// each pane focused, its raw JSON, the participants, the timeline, help, a
// search prompt.
var screens = [][]string{nil, {"tab"}, {"r"}, {"r", "tab", "G"}, {"p"}, {"p", "G"}, {"t"}, {"?"}, {"/", "e", "v"}, {"!"}, {"!", "G"}}

// checkFrames draws node n at each size on the screens the keys lead to,
// and checks every frame and the window title.
func checkFrames(f *data.File, n Node, sizes [][2]int, screens [][]string) string {
	for _, size := range sizes {
		if p := checkFramesAt(f, n, size[0], size[1], screens); p != "" {
			return p
		}
	}
	return ""
}

func checkFramesAt(f *data.File, n Node, w, h int, screens [][]string) string {
	m := loaded(f, w, h)
	m.ctx.Tree.Reveal(n)
	m = step(m, nil)
	for _, keys := range screens {
		m2 := press(m, keys...)
		v := m2.View()
		if p := attack.Screen(v.Content, w, h); p != "" {
			return fmt.Sprintf("node %+v at %dx%d after %v: %s", n, w, h, keys, p)
		}
		if p := attack.Terminal(v.WindowTitle, false, false); p != "" {
			return fmt.Sprintf("window title %q: %s", v.WindowTitle, p)
		}
	}
	return ""
}

// siteNode is the tree node that holds a site: the deepest of its session,
// segment, media and stream that the file has; the call when outside them.
func siteNode(f *data.File, s attack.Site) Node {
	se, sg, md, st := s.Node()
	n := Node{}
	r := f.Records[0]
	if se < 0 || se >= len(r.Sessions) {
		return n
	}
	n = Node{Level: LevelSession, Se: int32(se)}
	ses := r.Sessions[se]
	if sg < 0 || sg >= len(ses.Segments) {
		return n
	}
	n.Level, n.Sg = LevelSegment, int32(sg)
	seg := ses.Segments[sg]
	if md < 0 || md >= len(seg.Media) {
		return n
	}
	n.Level, n.Md = LevelMedia, int32(md)
	if st < 0 || st >= len(seg.Media[md].Streams) {
		return n
	}
	n.Level, n.St = LevelStream, int32(st)
	return n
}

// related tells whether node b's copies or pane can show the strings of
// node a: b on a's path from the call, or b below a session, segment or
// media a (a segment shows its session's sides). The call's own strings
// (participants, organizer) show in the call's pane; the variants with a
// class in every string check every node anyway.
func related(a, b Node) bool {
	return b.IsAncestorOf(a) || (a.Level > LevelCall && a.IsAncestorOf(b))
}

var (
	allSizes = [][2]int{{100, 30}, {20, 6}, {41, 12}, {80, 24}, {160, 50}}
	// Narrow (one pane at a time), stacked, and side by side.
	someSizes = [][2]int{{20, 6}, {41, 12}, {160, 50}}
)

// The demo attacked every way (see the hostile package): every copy of
// every node where the attacked string can show, and frames of that node at
// several sizes, stay text and keep their shape. A class in every string
// is drawn on every screen at every size; one string on the node's own
// screens, the participants and the raw JSON.
func TestHostileRecordsExplorer(t *testing.T) {
	t.Parallel()
	for v := range attack.Variants(samples.Demo) {
		f, err := load.Load("hostile.json", v.Doc)
		if err != nil {
			t.Errorf("%s: %v", v.Name, err)
			continue
		}
		everywhere := v.Site.Path == "" || v.Site.Key
		at := siteNode(f, v.Site)
		m := loaded(f, 100, 30)
		m.ctx.Opts.Getenv = env(nil)
		problem := ""
		m.ctx.Tree.AllNodes(func(n Node) bool {
			// A key name is attacked wherever it stands: every node's
			// copies; the frames of the nodes a string can show in.
			if everywhere || related(at, n) {
				problem = checkCopies(m, n, 100, 30, !v.Site.Key || related(at, n))
			}
			return problem == ""
		})
		if problem == "" {
			switch {
			case v.Site.Path == "":
				problem = checkFrames(f, at, allSizes, screens)
			case v.Site.Key:
				problem = checkFrames(f, at, [][2]int{{80, 24}}, [][]string{nil, {"p"}})
			default:
				problem = checkFrames(f, at, someSizes, [][]string{nil, {"r"}, {"p"}})
			}
		}
		if problem != "" {
			t.Errorf("%s: %s", v.Name, problem)
		}
	}
}

// Each class alone in the strings of each node in turn.
func TestHostileRecordsExplorerByNode(t *testing.T) {
	t.Parallel()
	for v := range attack.ByNode(samples.Demo) {
		f, err := load.Load("hostile.json", v.Doc)
		if err != nil {
			t.Errorf("%s: %v", v.Name, err)
			continue
		}
		at := siteNode(f, v.Site)
		m := loaded(f, 100, 30)
		m.ctx.Opts.Getenv = env(nil)
		problem := ""
		m.ctx.Tree.AllNodes(func(n Node) bool {
			if related(at, n) {
				problem = checkCopies(m, n, 100, 30, true)
			}
			return problem == ""
		})
		if problem == "" {
			problem = checkFrames(f, at, [][2]int{{80, 24}}, [][]string{nil, {"r"}, {"p"}})
		}
		if problem != "" {
			t.Errorf("%s: %s", v.Name, problem)
		}
	}
}
