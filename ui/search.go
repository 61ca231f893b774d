package ui

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/callscope/callscope/data"
	"github.com/callscope/callscope/internal/parallel"
	find "github.com/callscope/callscope/search"
	"github.com/callscope/callscope/text"
)

// searchPrompt is the explorer's find: a prompt in the footer, a search
// in the background over every node's values and visible text, and the
// matches in display order, which n and N walk.
type searchPrompt struct {
	base
	input   textinput.Model
	prompt  bool   // the prompt is open: it takes every key
	query   string // the query the matches are for
	matches []Node
	gen     int                // the newest search; older results are dropped
	cancel  context.CancelFunc // stops the running search
	busy    bool
	details *nodePane // shows the first match in the pane
}

func newSearchPrompt(ctx *Context, details *nodePane) *searchPrompt {
	in := textinput.New()
	in.Prompt = "/"
	in.Placeholder = "name, number, UPN, IP, user agent, device, codec, id"
	st := in.Styles()
	st.Cursor.Blink = false // a blink is a redraw a half second, over SSH too
	in.SetStyles(st)
	return &searchPrompt{base: base{ctx: ctx}, input: in, details: details}
}

// promptHint follows the prompt in the footer; promptHintShort where the
// long one would cut the placeholder (80 columns).
const (
	promptHint      = "  enter searches · esc closes"
	promptHintShort = "  enter · esc"
)

// hint is the footer's hint after the prompt at the prompt's width.
func (s *searchPrompt) hint() string {
	if width(s.input.Prompt)+width(s.input.Placeholder)+1+width(promptHint) > s.w {
		return promptHintShort
	}
	return promptHint
}

// SetSize gives the input the footer's room: with no width it shows only
// the placeholder's first letter (bubbles #779), and a negative one panics.
func (s *searchPrompt) SetSize(w, h int) {
	s.base.SetSize(w, h)
	s.input.SetWidth(max(w-width(s.input.Prompt)-width(s.hint())-1, 1)) // -1: the cursor's cell
}

// Capturing is whether the prompt takes every key (q is a letter there).
func (s *searchPrompt) Capturing() bool { return s.prompt }

// searchDoneMsg carries one search's matches.
type searchDoneMsg struct {
	gen     int
	query   string
	matches []Node
	err     error
}

func (s *searchPrompt) Update(msg tea.Msg) tea.Cmd {
	if msg, ok := msg.(searchDoneMsg); ok {
		s.done(msg)
	}
	return nil
}

func (s *searchPrompt) HandleKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	c, k := s.ctx, s.ctx.Keys
	if s.prompt {
		return s.promptKey(msg), true
	}
	switch {
	case key.Matches(msg, k.Search):
		s.prompt = true
		s.input.SetValue("")
		return s.input.Focus(), true
	case key.Matches(msg, k.NextMatch), key.Matches(msg, k.PrevMatch):
		s.jump(msg)
		return nil, true
	case key.Matches(msg, k.Back) && (s.query != "" || s.busy):
		s.stop() // esc peels the search first, then raw, then a filter
		c.Status = c.filterStatus()
		return nil, true
	}
	return nil, false
}

// promptKey types into the prompt; enter searches, esc closes.
func (s *searchPrompt) promptKey(msg tea.KeyPressMsg) tea.Cmd {
	c, k := s.ctx, s.ctx.Keys
	switch {
	case key.Matches(msg, k.SearchClose):
		s.prompt = false
		s.input.Blur()
		return nil
	case key.Matches(msg, k.SearchRun):
		s.prompt = false
		s.input.Blur()
		q := strings.TrimSpace(s.input.Value())
		if q == "" {
			s.stop()
			return nil
		}
		c.Status = ""
		return tea.Batch(s.start(c.Tree, q), c.Spin.Tick)
	}
	var cmd tea.Cmd
	s.input, cmd = s.input.Update(msg)
	return cmd
}

// start runs a search in the background; an older one is cancelled.
func (s *searchPrompt) start(t *Tree, query string) tea.Cmd {
	if s.cancel != nil {
		s.cancel()
	}
	s.gen++
	s.busy, s.query, s.matches = true, query, nil
	s.ctx.Query = query
	ctx, cancel := context.WithCancel(context.Background())
	s.cancel = cancel
	gen, f := s.gen, t.file
	return func() tea.Msg {
		matches, err := findNodes(ctx, t, f, query)
		return searchDoneMsg{gen, query, matches, err}
	}
}

// stop cancels a running search and forgets the matches.
func (s *searchPrompt) stop() {
	if s.cancel != nil {
		s.cancel()
	}
	s.busy, s.query, s.matches, s.cancel = false, "", nil, nil
	s.ctx.Query = ""
	s.gen++
}

// done takes a search's matches, unless a newer search replaced it.
func (s *searchPrompt) done(msg searchDoneMsg) {
	c := s.ctx
	if msg.gen != s.gen {
		return // stale: a newer search or esc came since
	}
	s.busy = false
	if msg.err != nil {
		return
	}
	s.matches = msg.matches
	if len(msg.matches) == 0 {
		c.Status = "no match for “" + text.Clean(msg.query) + "”"
		return
	}
	c.Focus = focusTree
	i, n := c.Tree.Jump(msg.matches, 1)
	c.Status = matchStatus(i, n, msg.query)
	s.details.scrollToFind = true
}

func (s *searchPrompt) jump(msg tea.KeyPressMsg) {
	c := s.ctx
	if len(s.matches) == 0 {
		if s.query != "" && !s.busy {
			c.Status = "no match for “" + text.Clean(s.query) + "”"
		}
		return
	}
	dir := 1
	if key.Matches(msg, c.Keys.PrevMatch) {
		dir = -1
	}
	c.Focus = focusTree
	i, n := c.Tree.Jump(s.matches, dir)
	if n == 0 {
		c.Status = "no match shows: esc clears the filter"
		return
	}
	c.Status = matchStatus(i, n, s.query)
	s.details.scrollToFind = true
}

func matchStatus(i, n int, q string) string {
	return fmt.Sprintf("match %d of %d for “%s” · n/N · esc clears", i, n, text.Clean(q))
}

// View is the footer while the prompt is open.
func (s *searchPrompt) View() string {
	return fit(s.input.View()+s.ctx.St.muted.Render(s.hint()), s.w)
}

// busyStatus is the footer's message while a search runs.
func (s *searchPrompt) busyStatus() string {
	return s.ctx.Spin.View() + " searching “" + text.Clean(s.query) + "”… esc stops"
}

func (s *searchPrompt) ShortHelp() []key.Binding {
	if s.prompt {
		return []key.Binding{s.ctx.Keys.SearchRun, s.ctx.Keys.SearchClose}
	}
	return []key.Binding{s.ctx.Keys.Search, s.ctx.Keys.NextMatch, s.ctx.Keys.PrevMatch}
}
func (s *searchPrompt) FullHelp() [][]key.Binding { return fullHelp(s.Groups()) }
func (s *searchPrompt) Groups() []Group {
	k := s.ctx.Keys
	return []Group{{"Find", []key.Binding{k.Search, k.NextMatch, k.PrevMatch}}, k.searchGroup()}
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
	shown := matchNodes(ctx, t, f, func() func(Node) bool {
		words := enumMatcher(query) // one a worker: it is a map
		return func(n Node) bool {
			main, extra := rowText(f, n)
			return find.ContainsFold(main+" "+extra, query) || paneWordsHold(f, n, query, words)
		}
	})
	for _, n := range shown {
		add(n)
	}
	// The findings, in the words the panes show them, at the node they
	// are about: the call pane's, with the PSTN log rows' merged in.
	for ri, r := range f.Records {
		fs := r.Findings
		if t.pstn.call(int32(ri)) != nil {
			fs = t.pstn.findings[ri]
		}
		for _, fd := range fs {
			if find.ContainsFold(fd.String(), query) {
				at := fd.At
				at.Rec = ri
				add(nodeOf(at))
			}
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	t.SortDisplay(out)
	return out, nil
}

// matchNodes is every node of t that a matcher accepts, in no order: a
// record's sessions are shared between the cores, each worker with a
// matcher of its own. Done serially, the rows' and panes' words took as
// long as the values' search on the 7,500-session meeting.
func matchNodes(ctx context.Context, t *Tree, f *data.File, matcher func() func(Node) bool) []Node {
	var out []Node
	for ri, r := range f.Records {
		call := Node{Level: LevelCall, Rec: int32(ri)}
		if matcher()(call) {
			out = append(out, call)
		}
		r.Names() // built once, before the workers that all read it
		n := len(r.Sessions)
		parts := make([][]Node, parallel.Workers(n))
		parallel.Run(len(parts), func(w int) {
			match := matcher()
			var walk func(Node)
			walk = func(x Node) {
				if match(x) {
					parts[w] = append(parts[w], x)
				}
				for i, k := 0, t.ChildCount(x); i < k; i++ {
					walk(t.child(x, i))
				}
			}
			for i := w * n / len(parts); i < (w+1)*n/len(parts) && ctx.Err() == nil; i++ {
				walk(Node{Level: LevelSession, Rec: int32(ri), Se: int32(i)})
			}
		})
		for _, p := range parts {
			out = append(out, p...)
		}
	}
	return out
}

// paneWordsHold is whether the words a node's pane shows in place of the
// record's values hold query: enums in words ("2.4 GHz" for
// frequency24GHz, "Wi-Fi" for wifi) and a stream's verdict ("packet loss
// 15.2 % > 10 %"). The record's own values are find.Values's, the
// findings' text findNodes's; field labels are not searched (every Wi-Fi
// media has a "Wi-Fi signal" line).
func paneWordsHold(f *data.File, n Node, q string, has func(property, value string) bool) bool {
	p := resolve(f, n)
	switch n.Level {
	case LevelCall:
		return has("type", p.rec.Type) || slices.ContainsFunc(p.rec.Modalities, func(m string) bool { return has("modality", m) })
	case LevelSession:
		for _, e := range []*data.Endpoint{&p.se.Caller, &p.se.Callee} {
			if has("platform", e.UserAgent.Platform) || has("productFamily", e.UserAgent.ProductFamily) {
				return true
			}
		}
		return slices.ContainsFunc(p.se.Modalities, func(m string) bool { return has("modality", m) })
	case LevelSegment:
		return p.sg.Failure != nil && has("failureStage", p.sg.Failure.Stage)
	case LevelMedia:
		if has("label", p.md.Label) {
			return true
		}
		for _, nw := range []*data.Network{p.md.CallerNetwork, p.md.CalleeNetwork} {
			if nw != nil && (has("connectionType", nw.ConnectionType) || has("wifiBand", nw.WifiBand) ||
				has("wifiRadioType", nw.WifiRadioType) || has("transportProtocol", nw.TransportProtocol)) {
				return true
			}
		}
		return false
	}
	st := p.st
	if has("direction", st.Direction) {
		return true
	}
	for _, rs := range [][]data.Reason{st.Quality.Reasons, st.Quality.Notes} {
		for _, r := range rs {
			if find.ContainsFold(r.Text(), q) {
				return true
			}
		}
	}
	return false
}

// enumMatcher says whether an enum value in words holds q. A meeting
// repeats a few values thousands of times: each is worded once a search.
func enumMatcher(q string) func(property, value string) bool {
	type pv struct{ property, value string }
	seen := map[pv]bool{}
	return func(property, value string) bool {
		if value == "" {
			return false
		}
		k := pv{property, value}
		hit, ok := seen[k]
		if !ok {
			hit = find.ContainsFold(data.Words(property, value), q)
			seen[k] = hit
		}
		return hit
	}
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
