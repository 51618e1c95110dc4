// Package par runs work on the other cores so that a bug in it is still a
// bug the command reports: a panic on another goroutine would end the
// process with exit code 2, which CI reads as "the plan has changes". Go
// and Each raise such a panic again in the goroutine that waits for the
// work, where the command's recover turns it into an internal error.
package par
