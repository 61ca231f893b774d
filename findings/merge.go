package findings

import "github.com/callscope/callscope/data"

// Merge puts each of more after the last of fs at least as severe (the
// findings of PSTN and Direct Routing log rows into a call's); fs is
// sorted most severe first, and is not changed.
func Merge(fs, more []data.Finding) []data.Finding {
	out := make([]data.Finding, 0, len(fs)+len(more))
	out = append(out, fs...)
	for _, f := range more {
		i := len(out)
		for i > 0 && out[i-1].Severity < f.Severity {
			i--
		}
		out = append(out[:i], append([]data.Finding{f}, out[i:]...)...)
	}
	return out
}
