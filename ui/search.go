package ui

import (
	"context"
	"strings"

	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/callscope/callscope/data"
	find "github.com/callscope/callscope/search"
)

// search is the explorer's find: a prompt, a background search over every
// node's values and visible text, and the matches in display order.
type search struct {
	input   textinput.Model
	prompt  bool   // the prompt is open: keys go to it
	query   string // the query the matches are for
	matches []Node
	gen     int                // the newest search; older results are dropped
	cancel  context.CancelFunc // stops the running search
	busy    bool
}

func newSearch() search {
	in := textinput.New()
	in.Prompt = "/"
	in.Placeholder = "name, number, UPN, IP, user agent, device, codec, id"
	return search{input: in}
}

// searchDoneMsg carries one search's matches.
type searchDoneMsg struct {
	gen     int
	query   string
	matches []Node
	err     error
}

// start runs a search in the background; an older one is cancelled.
func (s *search) start(t *Tree, query string) tea.Cmd {
	if s.cancel != nil {
		s.cancel()
	}
	s.gen++
	s.busy, s.query, s.matches = true, query, nil
	ctx, cancel := context.WithCancel(context.Background())
	s.cancel = cancel
	gen, f := s.gen, t.file
	return func() tea.Msg {
		matches, err := findNodes(ctx, t, f, query)
		return searchDoneMsg{gen, query, matches, err}
	}
}

// stop cancels a running search and forgets the matches.
func (s *search) stop() {
	if s.cancel != nil {
		s.cancel()
	}
	s.busy, s.query, s.matches, s.cancel = false, "", nil, nil
	s.gen++
}

// findNodes is every node whose values (from the file) or visible text
// (names in words, roles, verdicts) hold query, in display order.
func findNodes(ctx context.Context, t *Tree, f *data.File, query string) ([]Node, error) {
	seen := map[Node]bool{}
	var out []Node
	add := func(n Node) {
		if !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	err := find.Values(ctx, f, query, func(p data.Place) { add(nodeOf(p)) })
	if err != nil {
		return nil, err
	}
	t.AllNodes(func(n Node) bool {
		if main, extra := rowText(f, n); find.ContainsFold(main+" "+extra, query) {
			add(n)
		}
		return ctx.Err() == nil
	})
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	t.SortDisplay(out)
	return out, nil
}

// nodeOf turns a search hit into a tree node.
func nodeOf(p data.Place) Node {
	n := Node{Rec: int32(p.Rec)}
	for _, x := range []struct {
		i   int
		dst *int32
		lv  Level
	}{{p.Se, &n.Se, LevelSession}, {p.Sg, &n.Sg, LevelSegment}, {p.Md, &n.Md, LevelMedia}, {p.St, &n.St, LevelStream}} {
		if x.i < 0 {
			break
		}
		*x.dst, n.Level = int32(x.i), x.lv
	}
	return n
}

// highlight marks every occurrence of q (ignoring case) in a styled line,
// looking only at its text, never inside its escape sequences.
func highlight(line, q string, mark paint) string {
	if q == "" || mark.pre == "" {
		return line
	}
	var b strings.Builder
	for i := 0; i < len(line); {
		if line[i] == 0x1b { // copy a whole escape sequence
			j := i + 1
			if j < len(line) && line[j] == '[' {
				for j++; j < len(line) && (line[j] < 0x40 || line[j] > 0x7e); j++ {
				}
			}
			j = min(j+1, len(line))
			b.WriteString(line[i:j])
			i = j
			continue
		}
		// the text up to the next escape sequence
		end := strings.IndexByte(line[i:], 0x1b)
		if end < 0 {
			end = len(line)
		} else {
			end += i
		}
		text := line[i:end]
		for {
			a, z := find.IndexFold(text, q)
			if a < 0 {
				b.WriteString(text)
				break
			}
			b.WriteString(text[:a] + mark.pre + text[a:z] + mark.post)
			text = text[z:]
		}
		i = end
	}
	return b.String()
}
