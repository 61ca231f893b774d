package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net"
	"net/url"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/callscope/callscope/data"
	"github.com/callscope/callscope/graph"
	"github.com/callscope/callscope/internal/safefile"
	"github.com/callscope/callscope/load"
	"github.com/callscope/callscope/pstn"
)

// graphFlags are the flags of every command that can fetch from Graph.
type graphFlags struct {
	id, save, cloud, graphURL string
	force, allowPartial       bool
	timeout                   time.Duration
	mapped                    bool        // map a big file rather than read it (see load.Limits.Map)
	limits                    load.Limits // what reading and loading a SOURCE may take
	pstnLogs                  logFiles    // --pstn-log: saved PSTN and Direct Routing logs to match to the call
}

func addGraphFlags(fs *flag.FlagSet, withID bool) *graphFlags {
	g := &graphFlags{}
	if withID {
		fs.StringVar(&g.id, "id", "", "fetch this call record from Microsoft Graph instead of reading a file")
		fs.StringVar(&g.save, "save", "", "with --id: also write the fetched record (every page) to this file (mode 0600)")
		fs.BoolVar(&g.force, "force", false, "with --save: replace the file if it exists")
		fs.BoolVar(&g.allowPartial, "allow-partial", false, "with --id: if paging fails midway, load what came, with a warning of what is missing")
		fs.Var(&g.pstnLogs, "pstn-log", "a saved PSTN or Direct Routing log (`FILE`) whose rows are matched to the call's PSTN legs; may be repeated")
	}
	fs.StringVar(&g.cloud, "cloud", "global", "Microsoft cloud: "+strings.Join(graph.Clouds(), ", "))
	fs.StringVar(&g.graphURL, "graph-url", "", "Graph root to call instead of the cloud's, e.g. a proxy, without /v1.0 (env CALLSCOPE_GRAPH_URL)")
	fs.DurationVar(&g.timeout, "timeout", 5*time.Minute, "give up on Graph after this long")
	return g
}

// client builds the Graph client: the cloud's root (or --graph-url), and
// a token from CALLSCOPE_ACCESS_TOKEN or Azure's DefaultAzureCredential.
func (g *graphFlags) client(getenv func(string) string) (*graph.Client, error) {
	root, _, err := graph.Endpoints(g.cloud)
	if err != nil {
		return nil, usageError{err.Error()}
	}
	tokens, _, err := graph.NewTokenSource(g.cloud, root, getenv)
	if err != nil {
		return nil, err
	}
	c := &graph.Client{Root: root, Tokens: tokens, Audience: root}
	if u := firstOf(g.graphURL, getenv("CALLSCOPE_GRAPH_URL")); u != "" {
		if !strings.HasPrefix(u, "https://") && !strings.HasPrefix(u, "http://") {
			return nil, usageError{fmt.Sprintf("--graph-url %q: give a URL such as https://graph.example.com", shownURL(u))}
		}
		if err := checkGraphURL(u); err != nil {
			return nil, err
		}
		if c.Root, err = graphRoot(u); err != nil {
			return nil, err
		}
	}
	return c, nil
}

// graphRoot is a --graph-url as the client's root: callscope adds /v1.0
// to it itself. People paste Graph's URLs with the version on, and
// .../v1.0/v1.0/... was a 404 read as "older than 30 days": /v1.0 is
// dropped, /beta refused (callscope reads v1.0's shapes only).
func graphRoot(u string) (string, error) {
	root := strings.TrimRight(u, "/")
	lower := strings.ToLower(root)
	switch {
	case strings.HasSuffix(lower, "/v1.0"):
		return strings.TrimRight(root[:len(root)-len("/v1.0")], "/"), nil
	case strings.HasSuffix(lower, "/beta"):
		return "", usageError{fmt.Sprintf("--graph-url %q: callscope calls Graph's v1.0 API, not beta; give the root without the version, e.g. %s", shownURL(u), shownURL(root[:len(root)-len("/beta")]))}
	}
	return root, nil
}

// shownURL is a --graph-url as an error may show it: without a password
// or a query, which a proxy's URL may carry as its secret.
func shownURL(u string) string {
	p, err := url.Parse(u)
	if err != nil {
		return "(the URL given)"
	}
	p.RawQuery, p.Fragment = "", ""
	return p.Redacted()
}

func firstOf(s ...string) string {
	for _, x := range s {
		if x != "" {
			return x
		}
	}
	return ""
}

// checkGraphURL refuses plain http except to this machine: the bearer
// token must not cross a network in clear text.
func checkGraphURL(u string) error {
	parsed, err := url.Parse(u)
	if err != nil || parsed.Host == "" {
		return usageError{fmt.Sprintf("--graph-url %q: give a URL such as https://graph.example.com", shownURL(u))}
	}
	if parsed.Scheme == "http" {
		host := parsed.Hostname()
		if ip := net.ParseIP(host); host != "localhost" && (ip == nil || !ip.IsLoopback()) {
			return usageError{fmt.Sprintf("--graph-url %q: use https (plain http only to this machine), the token must not travel in clear text", shownURL(u))}
		}
	}
	return nil
}

// check refuses flag combinations that cannot work, before any fetch.
func (g *graphFlags) check(source string) error {
	switch {
	case g.id != "" && source != "":
		return usageError{"give either --id or a SOURCE, not both"}
	case g.id == "" && (g.save != "" || g.allowPartial):
		return usageError{"--save and --allow-partial go with --id"}
	case g.save != "":
		return safefile.Check(g.save, g.force)
	}
	return nil
}

// source takes the one SOURCE argument and checks it against the flags.
func (g *graphFlags) source(pos []string) (string, error) {
	src, err := oneSource(pos)
	if err != nil {
		return "", err
	}
	return src, g.check(src)
}

// load fetches the record named by --id, or reads SOURCE (the demo if "").
// progress, when not nil, is told how the fetch goes and cleared at the end.
func (g *graphFlags) load(e *env, src string, progress func(string)) (*data.File, error) {
	if g.id == "" {
		return loadSource(src, e.stdin, g.limits)
	}
	f, err := g.fetch(context.Background(), e.getenv, progress)
	if progress != nil {
		progress("") // clears the line
	}
	return f, err
}

// fetch gets a record with every page, saves it if asked, and loads it.
// Warnings about what could not be fetched go into the record.
func (g *graphFlags) fetch(ctx context.Context, getenv func(string) string, progress func(string)) (*data.File, error) {
	c, err := g.client(getenv)
	if err != nil {
		return nil, err
	}
	if progress != nil {
		c.Progress = func(p graph.Progress) { progress(p.String()) }
	}
	ctx, cancel := context.WithTimeout(ctx, g.timeout)
	defer cancel()
	raw, warnings, err := c.FetchRecord(ctx, g.id, g.allowPartial)
	if err != nil {
		return nil, err
	}
	name := "Graph call record " + g.id
	f, err := loadFetched(name, raw)
	if err != nil {
		return nil, err
	}
	// A call with PSTN legs brings the log rows of its time: added to the
	// record loaded, and to the bytes saved, so that a saved one reopens
	// with them. They are added without a second parse (see AddToFile).
	if f, raw, err = pstn.AddToFile(ctx, c, f, raw); err != nil {
		return nil, err
	}
	for _, r := range f.Records {
		r.Warnings = slices.Concat(warnings, r.Warnings) // each record its own array
	}
	if g.save != "" && len(warnings) > 0 {
		// A saved file has no way to say it is partial: it would look whole.
		return nil, fmt.Errorf("the fetch was partial (%s), so %s was not written: fetch again, or leave out --save to look at the partial record", warnings[0], g.save)
	}
	if g.save != "" {
		if err := safefile.Write(g.save, raw, g.force); err != nil {
			return nil, err
		}
	}
	return f, nil
}

// loadFetched parses a fetched record; a test counts its calls (one a
// fetch, the log rows included).
var loadFetched = load.Load

// progressTo writes fetch progress on one line of a terminal, or nowhere.
func progressTo(w io.Writer) func(string) {
	if f, ok := w.(*os.File); !ok || !isTerminal(f) {
		return nil
	}
	return func(s string) {
		if s == "" {
			fmt.Fprint(w, "\r\x1b[K")
			return
		}
		fmt.Fprintf(w, "\r\x1b[Kcallscope: %s", s)
	}
}

// rangeFlags are --since, --from and --to: a time range to ask Graph for.
type rangeFlags struct {
	since    *time.Duration
	from, to *string
}

// addRangeFlags adds them; example is what --since's help suggests.
func addRangeFlags(fs *flag.FlagSet, example string) rangeFlags {
	return rangeFlags{
		since: fs.Duration("since", 0, "the last so long, e.g. "+example+" (default 24h without --from)"),
		from:  fs.String("from", "", "start of the range: 2026-11-01 or 2026-11-01T09:00:00Z"),
		to:    fs.String("to", "", "end of the range (default now)"),
	}
}

// get is the range the flags say, as of now.
func (r rangeFlags) get(now time.Time) (graph.ListOptions, error) {
	return listRange(*r.since, *r.from, *r.to, now)
}

// listRange turns the flags into a time range: --from/--to, else the last
// --since (24 hours by default).
func listRange(since time.Duration, from, to string, now time.Time) (graph.ListOptions, error) {
	var o graph.ListOptions
	if since != 0 && (from != "" || to != "") {
		return o, usageError{"give --since or --from/--to, not both"}
	}
	var err error
	if o.To = now; to != "" {
		if o.To, err = parseWhen(to); err != nil {
			return o, err
		}
	}
	switch {
	case from != "":
		if o.From, err = parseWhen(from); err != nil {
			return o, err
		}
	case since < 0:
		return o, usageError{"--since must be positive, e.g. 24h"}
	case since == 0:
		o.From = o.To.Add(-24 * time.Hour) // the day before --to, or before now
	default:
		o.From = now.Add(-since)
	}
	if !o.From.Before(o.To) {
		return o, usageError{"the range is empty: --from must be before --to"}
	}
	return o, nil
}

func parseWhen(s string) (time.Time, error) {
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02T15:04", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, usageError{fmt.Sprintf("%q is no time: use 2026-11-01 or 2026-11-01T09:00:00Z", s)}
}
