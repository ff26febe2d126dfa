//! Properties of the `toponym` binary for any input (proptest, a few dozen
//! cases each, since every case runs the tool): `normalize --keep` gives any
//! bytes back unchanged, and what `tag` and `normalize` write does not depend
//! on `--threads`.

use proptest::prelude::*;
use std::io::Write;
use std::process::{Command, Stdio};

/// What `toponym ARGS` writes to standard output for `input`.
fn run(args: &[&str], input: &[u8]) -> Vec<u8> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_toponym"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn toponym");
    let mut stdin = child.stdin.take().expect("a pipe");
    let input = input.to_vec();
    // (written from a thread: the output may fill its pipe before the input is read)
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let out = child.wait_with_output().expect("wait for toponym");
    writer.join().expect("the writer").expect("writing stdin");
    assert!(out.status.success(), "{args:?}: {:?}", out.status);
    out.stdout
}

/// Bytes of text: place names in several scripts, words, line endings, odd
/// characters and bytes that are not UTF-8.
fn texty_bytes() -> impl Strategy<Value = Vec<u8>> {
    let pieces = prop::sample::select(vec![
        &b"Stepanakert"[..],
        b"Khankandi",
        "Ağdam".as_bytes(),
        "Мартакерта".as_bytes(),
        "Ստեփանակերտ".as_bytes(),
        "თბილისი".as_bytes(),
        b"Martuni",
        b"Georgia",
        b"Paris",
        b" in ",
        b" and ",
        b", ",
        b". ",
        b"\n",
        b"\r\n",
        b"\xff",
        b"\xe2\x80",
        b"\x00",
        "\u{301}".as_bytes(),
        b"d'Erevan",
    ]);
    prop::collection::vec(pieces, 0..60).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn normalize_keep_is_the_identity(
        bytes in prop_oneof![any::<Vec<u8>>(), texty_bytes()],
    ) {
        prop_assert_eq!(run(&["normalize", "--keep"], &bytes), bytes);
    }

    #[test]
    fn output_does_not_depend_on_threads(
        block in texty_bytes(),
        repeat in 1usize..2_000,
    ) {
        // (up to a few hundred kilobytes: several chunks, so threads share the work)
        let mut input = block.repeat(repeat);
        input.extend_from_slice(b"\nTalks in Baku.\n");
        for args in [&["tag"][..], &["normalize", "--to", "id"]] {
            let one = run(&[args, &["--threads", "1"]].concat(), &input);
            let three = run(&[args, &["--threads", "3"]].concat(), &input);
            let default = run(args, &input);
            prop_assert!(one == three, "{:?}: 1 and 3 threads differ", args);
            prop_assert!(one == default, "{:?}: 1 thread and the default differ", args);
        }
    }
}
