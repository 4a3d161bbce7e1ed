// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";
import {SettlementAnchor} from "./SettlementAnchor.sol";

/// @title PayoutDistributor
/// @notice Pays each epoch's payouts in the settlement token, from the payout root anchored in
/// SettlementAnchor. A payout is a leaf (account, amount) of the epoch's OpenZeppelin
/// StandardMerkleTree with leaf encoding ["address", "uint256"]. It is paid either by the account
/// (anyone, for it) with a Merkle proof, or by the operator in batches without proofs.
///
/// @dev Funding. fundEpoch moves an epoch's tokens from the operator into the distributor (an
/// ERC-20 transferFrom, so the operator approves the distributor once) and adds them to what the
/// epoch may still pay. Every payment of an epoch comes out of that, so one epoch can never spend
/// tokens that another brought in, and the distributor keeps no total across epochs: a claim
/// writes nothing shared with other epochs.
///
/// Trade-off of the proof-less push. A push carries no proofs: verifying a multiproof would
/// add calldata and hashing to every recipient, and its leaves would have to arrive in hash order,
/// which the paid-once rule below cannot use. Instead the operator is trusted to push exactly the
/// anchored leaves, and the contract bounds the damage of an operator mistake: an epoch never pays
/// out more than its funding, whether by claims or pushes, so one epoch's error cannot spend
/// another epoch's funds.
///
/// Paid once. A fresh storage word per paid account and epoch costs 22,100 gas, about as much as
/// the token transfer itself, and a bitmap by leaf index cannot serve claims, which do not know the
/// index (sorted-pair hashing hides positions). So pushes go through each epoch's accounts in
/// strictly ascending address order and the contract keeps one cursor per epoch: the highest
/// address a push has passed. Every account at or below the cursor has been settled by a push; an
/// account above it can be paid once more, by claim or a later push. A claim sets the epoch's bit
/// in the account's own bitmap of claimed epochs (256 epochs per word, so an account that claims
/// epoch after epoch rewrites one word rather than filling a fresh one); pushes read those bitmaps
/// only when the epoch has had a claim. A push retried after a crash skips the accounts it had
/// already passed, so it is safe to send again; an account that the operator leaves out of its
/// pushes (one the token refuses to pay, say) can no longer claim once a push has passed its address.
///
/// Logs. A claim logs PayoutPaid; a push logs one PayoutsPushed listing every payout it paid, as
/// the words it was sent (amount << 160 | account). One log per batch costs 32 bytes of log data per
/// payout where a log per payout cost about 2,000 gas; the token's Transfer logs show each payment too.
contract PayoutDistributor is AccessControl {
    bytes32 public constant OPERATOR_ROLE = keccak256("OPERATOR_ROLE");

    /// @notice The token paid out, fixed at deployment. It must return true from transfer and
    /// transferFrom, as OpenZeppelin's ERC-20s and the usual stable tokens do; see _transfer.
    IERC20 public immutable token;
    SettlementAnchor public immutable anchor;

    /// @notice What every claim and push of an epoch reads and writes: one storage word.
    struct Book {
        // The highest account address that a push of this epoch has passed.
        uint160 pushedThrough;
        // Funded and not paid yet, by claims and pushes together. 88 bits hold 3.1e26 units:
        // 309 million tokens of 18 decimals, 3.1e20 of 6, per epoch at any one time.
        uint88 unpaidUnits;
        // Whether the epoch has had a claim, so that pushes know whether to read claim bitmaps.
        bool hasClaims;
    }

    /// @notice The epoch's payout root, copied from the anchor when the epoch is first funded: a
    /// claim then reads it here rather than calling the anchor (a cold call and a cold read).
    /// Anchored roots never change, so the copy cannot go stale.
    mapping(uint64 epoch => bytes32) private _payoutRoots;
    mapping(uint64 epoch => Book) private _books;
    /// @notice Everything ever funded for the epoch; read by views and the EpochFunded log only.
    mapping(uint64 epoch => uint256) private _fundedUnits;
    /// @notice Each account's claimed epochs, 256 to a word: bit (epoch % 256) of the word keyed by
    /// (account, epoch / 256), see _claimKey, is set once the account claimed that epoch.
    mapping(uint256 claimKey => uint256 epochBits) private _claimedEpochs;

    event EpochFunded(uint64 indexed epoch, uint256 amount, uint256 fundedUnits);
    /// @notice A claim: `pushed` is always false (pushes log PayoutsPushed); the field keeps the log's
    /// form, and its topic, what auditors' tools already read.
    event PayoutPaid(uint64 indexed epoch, address indexed account, uint256 amount, bool pushed);
    /// @notice One push: every payout it paid, as amount << 160 | account, in ascending address order.
    event PayoutsPushed(uint64 indexed epoch, uint256[] payouts);

    /// @dev Why the push loop stopped before the end of its batch.
    enum Stop {
        None,
        Unsorted,
        Unfunded,
        TransferFailed
    }

    error EpochNotAnchored(uint64 epoch);
    error AlreadyPaid(uint64 epoch, address account);
    error InvalidProof(uint64 epoch, address account, uint256 amount);
    error ExceedsEpochFunding(uint64 epoch, uint256 amount, uint256 unpaidUnits);
    error FundingTooLarge(uint64 epoch, uint256 unpaidUnits);
    error UnsortedBatch(uint256 index);
    error TransferFailed(address account);

    constructor(IERC20 token_, SettlementAnchor anchor_, address admin, address operator) {
        token = token_;
        anchor = anchor_;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(OPERATOR_ROLE, operator);
    }

    /// @notice Moves `amount` of the token from the operator into the distributor, for `epoch`
    /// alone: the epoch may then pay up to everything funded for it. The operator must have
    /// approved the distributor for at least `amount`. The epoch must be anchored, so that a
    /// mistyped epoch cannot tie up tokens that no payout will ever use; nothing takes them back.
    function fundEpoch(uint64 epoch, uint256 amount) external onlyRole(OPERATOR_ROLE) {
        if (_payoutRoots[epoch] == 0) {
            if (!anchor.isAnchored(epoch)) revert EpochNotAnchored(epoch);
            // Zero for an epoch without payouts, which no claim can match anyway.
            _payoutRoots[epoch] = anchor.payoutRoot(epoch);
        }
        Book memory book = _books[epoch];
        uint256 unpaidUnits = book.unpaidUnits + amount;
        if (unpaidUnits > type(uint88).max) revert FundingTooLarge(epoch, unpaidUnits);
        book.unpaidUnits = uint88(unpaidUnits);
        _books[epoch] = book;
        uint256 fundedUnits = _fundedUnits[epoch] + amount;
        _fundedUnits[epoch] = fundedUnits;
        if (!token.transferFrom(msg.sender, address(this), amount)) revert TransferFailed(msg.sender);
        emit EpochFunded(epoch, amount, fundedUnits);
    }

    /// @notice Pays `account` its payout of `epoch` if (account, amount) is a leaf of the epoch's
    /// anchored payout root. Anyone may send it; the tokens always go to `account`.
    function claim(uint64 epoch, address account, uint256 amount, bytes32[] calldata proof) external {
        bytes32 payoutRoot = _payoutRoots[epoch];
        if (payoutRoot == 0) _revertUnclaimable(epoch, account, amount);
        Book memory book = _books[epoch];
        uint256 claimKey = _claimKey(account, epoch);
        uint256 claimed = _claimedEpochs[claimKey];
        uint256 bit = _claimBit(epoch);
        if (uint160(account) <= book.pushedThrough || claimed & bit != 0) revert AlreadyPaid(epoch, account);
        bytes32 leaf = _leaf(account, amount);
        if (!MerkleProof.verifyCalldata(proof, payoutRoot, leaf)) revert InvalidProof(epoch, account, amount);
        if (amount > book.unpaidUnits) revert ExceedsEpochFunding(epoch, amount, book.unpaidUnits);

        unchecked {
            book.unpaidUnits -= uint88(amount); // amount <= unpaidUnits, checked above
        }
        book.hasClaims = true;
        _books[epoch] = book;
        _claimedEpochs[claimKey] = claimed | bit;
        _transfer(account, amount);
        emit PayoutPaid(epoch, account, amount, false);
    }

    /// @notice Pays a batch of the epoch's payouts, each packed in one word as amount << 160 | account,
    /// accounts in strictly ascending address order, continuing across batches. Accounts already paid
    /// (passed by an earlier push, or claimed) are skipped, so a batch can be sent again safely.
    /// Reverts as a whole if the epoch would pay more than its funding. One PayoutsPushed log lists
    /// the words of the payouts it paid.
    /// @return paidCount how many accounts this call paid.
    function pushPayouts(uint64 epoch, uint256[] calldata payouts)
        external
        onlyRole(OPERATOR_ROLE)
        returns (uint256 paidCount)
    {
        // A funded epoch has its root here; only an unfunded one costs the call to the anchor.
        if (_payoutRoots[epoch] == 0 && !anchor.isAnchored(epoch)) revert EpochNotAnchored(epoch);

        Book memory book = _books[epoch];
        uint160 passed = book.pushedThrough;
        uint256 unpaidUnits = book.unpaidUnits;
        // Claims are rare next to pushes: read claim bitmaps only when the epoch has had one.
        bool anyClaims = book.hasClaims;
        uint256 claimBit = _claimBit(epoch);
        // What the PayoutsPushed log holds, ABI-encoded in place: an offset, a count, the paid words.
        uint256[] memory logData = new uint256[](payouts.length + 2);

        // The loop is written in assembly because the same loop in Solidity costs about 170 gas more per
        // payout (bounds checks, the claim key's helper calls), measured with bench/gas.sh; it pays
        // exactly what the Solidity reading of it would and leaves the reverts to Solidity below.
        uint160 previous;
        uint256 i;
        Stop stoppedBy = Stop.None;
        IERC20 paidToken = token;
        uint256 epochWord = epoch >> 8;
        assembly ("memory-safe") {
            let args := mload(0x40) // transfer(account, amount) is built past the free memory pointer
            mstore(args, 0xa9059cbb00000000000000000000000000000000000000000000000000000000)
            for {} lt(i, payouts.length) { i := add(i, 1) } {
                let payout := calldataload(add(payouts.offset, shl(5, i)))
                let key := and(payout, 0xffffffffffffffffffffffffffffffffffffffff)
                if iszero(gt(key, previous)) {
                    stoppedBy := 1 // Stop.Unsorted
                    break
                }
                previous := key
                // Passed by an earlier push, or claimed (_claimedEpochs[_claimKey(account, epoch)]).
                let settled := iszero(gt(key, passed))
                if and(anyClaims, iszero(settled)) {
                    mstore(0x00, or(shl(96, key), epochWord))
                    mstore(0x20, _claimedEpochs.slot)
                    settled := iszero(iszero(and(sload(keccak256(0x00, 0x40)), claimBit)))
                }
                if iszero(settled) {
                    let amount := shr(160, payout)
                    if gt(amount, unpaidUnits) {
                        stoppedBy := 2 // Stop.Unfunded
                        break
                    }
                    unpaidUnits := sub(unpaidUnits, amount)
                    mstore(add(args, 4), key)
                    mstore(add(args, 36), amount)
                    let ok := call(gas(), paidToken, 0, args, 68, 0x00, 0x20)
                    if iszero(and(ok, and(eq(returndatasize(), 32), eq(mload(0x00), 1)))) {
                        stoppedBy := 3 // Stop.TransferFailed
                        break
                    }
                    paidCount := add(paidCount, 1)
                    mstore(add(logData, shl(5, add(paidCount, 2))), payout)
                }
            }
        }
        if (stoppedBy == Stop.Unsorted) revert UnsortedBatch(i);
        if (stoppedBy == Stop.Unfunded) revert ExceedsEpochFunding(epoch, payouts[i] >> 160, unpaidUnits);
        if (stoppedBy == Stop.TransferFailed) revert TransferFailed(address(uint160(payouts[i])));
        if (previous > passed) book.pushedThrough = previous;
        book.unpaidUnits = uint88(unpaidUnits); // never more than it was
        _books[epoch] = book;
        if (paidCount != 0) _logPushed(epoch, logData, paidCount);
    }

    /// @notice Whether `account` can no longer be paid for `epoch`: it has claimed, or a push has
    /// passed its address (for an account of the epoch's tree, that push paid it).
    function isPaid(uint64 epoch, address account) external view returns (bool) {
        return _claimedEpochs[_claimKey(account, epoch)] & _claimBit(epoch) != 0
            || uint160(account) <= _books[epoch].pushedThrough;
    }

    /// @notice The epoch's push cursor, what it has paid so far by claims and pushes, and what
    /// has been funded for it; it can still pay fundedUnits - paidUnits.
    function epochProgress(uint64 epoch)
        external
        view
        returns (address pushedThrough, uint256 paidUnits, uint256 fundedUnits)
    {
        Book storage book = _books[epoch];
        fundedUnits = _fundedUnits[epoch];
        return (address(book.pushedThrough), fundedUnits - book.unpaidUnits, fundedUnits);
    }

    /// @dev The account in the high 160 bits, the epoch's word (epoch / 256, at most 56 bits) below.
    function _claimKey(address account, uint64 epoch) private pure returns (uint256) {
        return uint256(uint160(account)) << 96 | epoch >> 8;
    }

    function _claimBit(uint64 epoch) private pure returns (uint256) {
        return 1 << (epoch & 0xff);
    }

    /// @dev OpenZeppelin StandardMerkleTree leaf of ["address", "uint256"]:
    /// keccak256(bytes.concat(keccak256(abi.encode(account, amount)))), the double hashing keeping a
    /// leaf from ever being read as an inner node of 64 bytes. Hashed in scratch space rather than
    /// in freshly allocated memory.
    function _leaf(address account, uint256 amount) private pure returns (bytes32 leaf) {
        assembly ("memory-safe") {
            mstore(0x00, account)
            mstore(0x20, amount)
            mstore(0x00, keccak256(0x00, 0x40))
            leaf := keccak256(0x00, 0x20)
        }
    }

    /// @dev Why a claim of an epoch without a payout root here fails: not anchored, anchored
    /// without payouts (no leaf matches a zero root), or not funded yet.
    function _revertUnclaimable(uint64 epoch, address account, uint256 amount) private view {
        if (!anchor.isAnchored(epoch)) revert EpochNotAnchored(epoch);
        if (anchor.payoutRoot(epoch) == 0) revert InvalidProof(epoch, account, amount);
        revert ExceedsEpochFunding(epoch, amount, 0);
    }

    /// @dev Emits PayoutsPushed(epoch, the first paidCount words of logData from its third on). The
    /// words are already in place, so the log is written from memory as it stands: emit would copy
    /// them one by one into a fresh encoding, about 120 gas more per payout.
    function _logPushed(uint64 epoch, uint256[] memory logData, uint256 paidCount) private {
        bytes32 topic = PayoutsPushed.selector;
        assembly ("memory-safe") {
            let data := add(logData, 0x20)
            mstore(data, 0x20)
            mstore(add(data, 0x20), paidCount)
            log2(data, add(0x40, shl(5, paidCount)), topic, epoch)
        }
    }

    /// @dev Calls transfer(account, amount) on the token directly. The token is trusted (fixed at
    /// deployment and known to return true), so neither SafeERC20's handling of tokens that
    /// return nothing nor the high-level call's code-size check and return-data copy into fresh
    /// memory is needed; this saves about 300 gas per payment. A failed or false transfer reverts.
    function _transfer(address account, uint256 amount) private {
        IERC20 paidToken = token;
        bool ok;
        assembly ("memory-safe") {
            // transfer(address,uint256) is 0xa9059cbb; the bool result lands in scratch space.
            let ptr := mload(0x40)
            mstore(ptr, 0xa9059cbb00000000000000000000000000000000000000000000000000000000)
            mstore(add(ptr, 4), account)
            mstore(add(ptr, 36), amount)
            ok := call(gas(), paidToken, 0, ptr, 68, 0, 32)
            ok := and(ok, and(eq(returndatasize(), 32), eq(mload(0), 1)))
        }
        if (!ok) revert TransferFailed(account);
    }
}
