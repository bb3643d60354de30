/// The short form of docs/conventions.md, shown by `lagrange --help`: each peer's parameters
/// and the flags that fit the same model (every row has a fixture in Tests/PeerFixtures).
enum PeerConventions {
    static let summary = """
        Coming from another tool (the full table, with a test fixture per row: docs/conventions.md):
        From LIBSVM's svm-train: -s 0 → fit svm, -s 3 → fit svr; -c → -c (or -C); -g → --gamma (LIBSVM's default γ is 'auto', 1/p; Lagrange's is 'scale', 1/(p·Var X)); -t -d -r → --kernel --degree --coef0; -p → --epsilon; -e → --tol; -m → --cache-mb; -h 0 → --no-shrinking; -wi W → --class-weight LABEL=W; -b 1 → --probability; -v k → path svm --folds k.
        From scikit-learn: SVC, SVR: the same names; Lasso(alpha=a) → fit lasso --lambda a --no-standardize; Ridge(alpha=a) → fit ridge --lambda a/n --no-standardize; ElasticNet(alpha=a, l1_ratio=r) → fit enet --lambda a --l1-ratio r --no-standardize; LassoCV → path lasso --cv K --select min.
        From R glmnet: alpha → --l1-ratio; lambda → --lambda for the lasso (ridge and elastic net: glmnet scales y by its sd s_y, so ridge λ = lambda/s_y); standardize=FALSE → --no-standardize; penalty.factor → --penalty-factor COL=W; cv.glmnet → path … --cv K (lambda.1se: --select 1se, the default).
        """
}
