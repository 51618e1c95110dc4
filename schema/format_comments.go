package schema

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// alignComments lines up the comments written beside consecutive lines,
// as gofmt does: in each run of lines with a trailing comment and no line
// between them without one, every comment starts one space after the
// longest line's code. Comments are found from the document's nodes, never
// by searching the text, so a "#" inside a value or a block scalar is left
// alone. Text that does not parse is returned as it is.
func alignComments(data []byte) []byte {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return data
	}
	lines := bytes.Split(data, []byte("\n"))
	comments := map[int]string{} // 0-based line -> its trailing comment
	collectLineComments(&doc, comments)
	codeWidth := map[int]int{}
	for i, c := range comments {
		if i >= len(lines) || !bytes.HasSuffix(lines[i], []byte(" "+c)) {
			delete(comments, i)
			continue
		}
		code := strings.TrimRight(string(lines[i][:len(lines[i])-len(c)]), " ")
		if code == "" {
			delete(comments, i)
			continue
		}
		codeWidth[i] = utf8.RuneCountInString(code)
		lines[i] = []byte(code)
	}
	for i := 0; i < len(lines); {
		if _, ok := comments[i]; !ok {
			i++
			continue
		}
		j, width := i, 0
		for ; j < len(lines); j++ {
			if _, ok := comments[j]; !ok {
				break
			}
			width = max(width, codeWidth[j])
		}
		for k := i; k < j; k++ {
			pad := strings.Repeat(" ", width-codeWidth[k]+1)
			lines[k] = append(append(lines[k], pad...), comments[k]...)
		}
		i = j
	}
	return bytes.Join(lines, []byte("\n"))
}

// collectLineComments records, by 0-based line, the comment written beside
// each node of n that has one.
func collectLineComments(n *yaml.Node, out map[int]string) {
	if n.LineComment != "" && n.Line > 0 && !strings.Contains(n.LineComment, "\n") {
		out[n.Line-1] = n.LineComment
	}
	for _, c := range n.Content {
		collectLineComments(c, out)
	}
}
