package ui

import (
	"github.com/callscope/callscope/data"
)

// path is a node resolved to the objects on its way down from the call.
type path struct {
	rec *data.Record
	se  *data.Session
	sg  *data.Segment
	md  *data.Media
	st  *data.Stream
}

func resolve(f *data.File, n Node) path {
	var p path
	p.rec = f.Records[n.Rec]
	if n.Level >= LevelSession {
		p.se = p.rec.Sessions[n.Se]
	}
	if n.Level >= LevelSegment {
		p.sg = p.se.Segments[n.Sg]
	}
	if n.Level >= LevelMedia {
		p.md = p.sg.Media[n.Md]
	}
	if n.Level >= LevelStream {
		p.st = p.md.Streams[n.St]
	}
	return p
}

// quality is the roll-up of a node: for a stream, its own verdict.
func (p path) quality(level Level) data.Rollup {
	switch level {
	case LevelCall:
		return p.rec.Quality
	case LevelSession:
		return p.se.Quality
	case LevelSegment:
		return p.sg.Quality
	case LevelMedia:
		return p.md.Quality
	}
	var r data.Rollup
	switch p.st.Quality.Verdict {
	case data.Good:
		r.Good = 1
	case data.Poor:
		r.Poor = 1
	default:
		r.Unclassified = 1
	}
	return r
}

// raw is the node's JSON as it was in the source.
func (p path) raw(level Level) string {
	switch level {
	case LevelCall:
		return p.rec.Raw
	case LevelSession:
		return p.se.Raw
	case LevelSegment:
		return p.sg.Raw
	case LevelMedia:
		return p.md.Raw
	}
	return p.st.Raw
}

// sides are the caller and callee that apply at a node: a segment's own, or
// its session's when the segment has none.
func (p path) sides() (caller, callee *data.Endpoint) {
	if p.sg != nil {
		return data.SideOf(p.se, p.sg)
	}
	return &p.se.Caller, &p.se.Callee
}

// id is what identifies the node: its id, or a media's label.
func (p path) id(level Level) string {
	switch level {
	case LevelCall:
		return p.rec.ID
	case LevelSession:
		return p.se.ID
	case LevelSegment:
		return p.sg.ID
	case LevelMedia:
		return p.md.Label
	}
	return p.st.StreamID
}
