"""What the tests and the benchmarks share: a copy of the project to break or to grow,
a browser and a server for the built site, and text read back from PDFs and pages.
Written once here, so that every test reads text and drives chromium the same way."""
