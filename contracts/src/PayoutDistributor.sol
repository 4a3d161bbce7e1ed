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
/// @dev Funding. The distributor pays out of its own token balance, and each epoch may spend only
/// what the operator earmarked for it with fundEpoch, out of the part of the balance not yet
/// earmarked for another epoch. So the ledger funds an epoch by moving its total to the
/// distributor (a transfer, or a mint on a test chain) and then calling fundEpoch: two
/// transactions, no allowance. The cap lives here rather than in the anchor because the anchor
/// keeps one storage word per epoch (see SettlementAnchor), and funding writes the epoch's word
/// anyway. Earmarks also keep epochs apart when the balance is shared: one epoch's payments can
/// never use tokens that were set aside for another.
///
/// Trade-off of the proof-less push. A push carries no proofs: verifying a multiproof would
/// add calldata and hashing to every recipient, and its leaves would have to arrive in hash order,
/// which the paid-once rule below cannot use. Instead the operator is trusted to push exactly the
/// anchored leaves, and the contract bounds the damage of an operator mistake: an epoch never pays
/// out more than its funding, whether by claims or pushes, so one epoch's error cannot spend
/// another epoch's funds.
///
/// Paid once. A fresh storage word per paid account (a mapping of flags) costs 22,100 gas, about as
/// much as the token transfer itself, and a bitmap by leaf index cannot serve claims, which do not
/// know the index (sorted-pair hashing hides positions). So pushes go through each epoch's accounts
/// in strictly ascending address order and the contract keeps one cursor per epoch: the highest
/// address a push has passed. Every account at or below the cursor has been settled by a push; an
/// account above it can be paid once more, by claim or a later push. Claims mark the account in a
/// mapping, which pushes read only when the epoch has had a claim. A push retried after a crash
/// skips the accounts it had already passed, so it is safe to send again; an account that the
/// operator leaves out of its pushes (one the token refuses to pay, say) can no longer claim once
/// a push has passed its address.
contract PayoutDistributor is AccessControl {
    bytes32 public constant OPERATOR_ROLE = keccak256("OPERATOR_ROLE");

    /// @notice The token paid out, fixed at deployment. It must return true from transfer, as
    /// OpenZeppelin's ERC-20s and the usual stable tokens do; see _pay.
    IERC20 public immutable token;
    SettlementAnchor public immutable anchor;

    /// @notice What pushes and claims write for an epoch: one storage word.
    struct Progress {
        // The highest account address that a push of this epoch has passed.
        uint160 pushedThrough;
        // Claims and pushes together; bounded by fundedUnits, so it fits in 96 bits too.
        uint96 paidUnits;
    }

    /// @notice What fundEpoch writes for an epoch: one storage word, read by every push and claim.
    struct Funding {
        // Earmarked for the epoch by fundEpoch; uint96 holds 7.9e28 units, far more than any
        // epoch pays.
        uint96 fundedUnits;
        // Whether the epoch has had a claim. It shares this word because pushes read the word
        // anyway, so knowing whether to look up claim flags costs them nothing more.
        bool hasClaims;
    }

    mapping(uint64 epoch => Progress) private _progress;
    mapping(uint64 epoch => Funding) private _funding;
    mapping(uint64 epoch => mapping(address account => bool)) private _claimed;

    /// @notice Earmarked for some epoch and not yet paid, across all epochs: the sum over epochs
    /// of fundedUnits - paidUnits. The rest of the balance is free for fundEpoch.
    uint256 public outstandingUnits;

    event EpochFunded(uint64 indexed epoch, uint256 amount, uint256 fundedUnits);
    event PayoutPaid(uint64 indexed epoch, address indexed account, uint256 amount, bool pushed);

    error EpochNotAnchored(uint64 epoch);
    error AlreadyPaid(uint64 epoch, address account);
    error InvalidProof(uint64 epoch, address account, uint256 amount);
    error ExceedsEpochFunding(uint64 epoch, uint256 paidUnits, uint256 fundedUnits);
    error ExceedsUnearmarkedBalance(uint64 epoch, uint256 amount, uint256 unearmarkedUnits);
    error FundingTooLarge(uint64 epoch, uint256 fundedUnits);
    error LengthMismatch(uint256 accounts, uint256 amounts);
    error UnsortedBatch(uint256 index);
    error TransferFailed(address account);

    constructor(IERC20 token_, SettlementAnchor anchor_, address admin, address operator) {
        token = token_;
        anchor = anchor_;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(OPERATOR_ROLE, operator);
    }

    /// @notice Earmarks `amount` of the distributor's balance for `epoch`, which may then pay up
    /// to everything earmarked for it. The amount must already be in the distributor and not be
    /// earmarked for another epoch. The epoch must be anchored, so that a mistyped epoch cannot
    /// tie up tokens that no payout will ever use; nothing un-earmarks them.
    function fundEpoch(uint64 epoch, uint256 amount) external onlyRole(OPERATOR_ROLE) {
        if (!anchor.isAnchored(epoch)) revert EpochNotAnchored(epoch);
        uint256 outstanding = outstandingUnits;
        uint256 unearmarked = _unearmarked(outstanding);
        if (amount > unearmarked) revert ExceedsUnearmarkedBalance(epoch, amount, unearmarked);
        Funding storage funding = _funding[epoch];
        uint256 fundedUnits = funding.fundedUnits + amount;
        if (fundedUnits > type(uint96).max) revert FundingTooLarge(epoch, fundedUnits);
        funding.fundedUnits = uint96(fundedUnits);
        outstandingUnits = outstanding + amount;
        emit EpochFunded(epoch, amount, fundedUnits);
    }

    /// @notice Pays `account` its payout of `epoch` if (account, amount) is a leaf of the epoch's
    /// anchored payout root. Anyone may send it; the tokens always go to `account`.
    function claim(uint64 epoch, address account, uint256 amount, bytes32[] calldata proof) external {
        bytes32 payoutRoot = anchor.payoutRoot(epoch);
        // A zero root is either no anchor or an epoch without payouts, which no proof matches.
        if (payoutRoot == 0 && !anchor.isAnchored(epoch)) revert EpochNotAnchored(epoch);
        Progress storage state = _progress[epoch];
        if (uint160(account) <= state.pushedThrough || _claimed[epoch][account]) {
            revert AlreadyPaid(epoch, account);
        }
        // OpenZeppelin StandardMerkleTree leaf: double hashing keeps a leaf from ever being read
        // as an inner node of 64 bytes.
        bytes32 leaf = keccak256(bytes.concat(keccak256(abi.encode(account, amount))));
        if (!MerkleProof.verifyCalldata(proof, payoutRoot, leaf)) revert InvalidProof(epoch, account, amount);

        Funding storage funding = _funding[epoch];
        uint256 paidUnits = state.paidUnits + amount;
        uint256 fundedUnits = funding.fundedUnits;
        if (paidUnits > fundedUnits) revert ExceedsEpochFunding(epoch, paidUnits, fundedUnits);
        state.paidUnits = uint96(paidUnits); // fundedUnits fits in 96 bits, so paidUnits does
        _claimed[epoch][account] = true;
        if (!funding.hasClaims) funding.hasClaims = true;
        // amount is within the epoch's unpaid funding, which outstandingUnits includes.
        outstandingUnits -= amount;
        _pay(epoch, account, amount, false);
    }

    /// @notice Pays a batch of the epoch's payouts, accounts in strictly ascending address order,
    /// continuing across batches. Accounts already paid (passed by an earlier push, or claimed) are
    /// skipped, so a batch can be sent again safely. Reverts as a whole if the epoch would pay more
    /// than its funding.
    /// @return paidCount how many accounts this call paid.
    function pushPayouts(uint64 epoch, address[] calldata accounts, uint256[] calldata amounts)
        external
        onlyRole(OPERATOR_ROLE)
        returns (uint256 paidCount)
    {
        if (accounts.length != amounts.length) revert LengthMismatch(accounts.length, amounts.length);
        if (!anchor.isAnchored(epoch)) revert EpochNotAnchored(epoch);

        Progress memory state = _progress[epoch];
        Funding memory funding = _funding[epoch];
        uint160 passed = state.pushedThrough;
        uint256 paidBefore = state.paidUnits;
        uint256 paidUnits = paidBefore;
        // Claims are rare next to pushes: read claim flags only when the epoch has had one.
        bool anyClaims = funding.hasClaims;
        mapping(address => bool) storage claimed = _claimed[epoch];

        uint160 previous;
        for (uint256 i; i < accounts.length;) {
            address account = accounts[i];
            uint160 key = uint160(account);
            // Ascending order is what makes the cursor mean "everything up to here is settled".
            if (key <= previous) revert UnsortedBatch(i);
            previous = key;
            if (key > passed && !(anyClaims && claimed[account])) {
                uint256 amount = amounts[i];
                paidUnits += amount;
                _pay(epoch, account, amount, true);
                unchecked {
                    ++paidCount;
                }
            }
            unchecked {
                ++i;
            }
        }
        if (paidUnits > funding.fundedUnits) revert ExceedsEpochFunding(epoch, paidUnits, funding.fundedUnits);
        if (previous > passed) state.pushedThrough = previous;
        state.paidUnits = uint96(paidUnits);
        _progress[epoch] = state;
        // Once per batch, not per recipient: what this batch paid leaves the earmarked total.
        // It cannot underflow: paidUnits - paidBefore is within the epoch's unpaid funding.
        if (paidUnits != paidBefore) outstandingUnits -= paidUnits - paidBefore;
    }

    /// @notice Whether `account` can no longer be paid for `epoch`: it has claimed, or a push has
    /// passed its address (for an account of the epoch's tree, that push paid it).
    function isPaid(uint64 epoch, address account) external view returns (bool) {
        return _claimed[epoch][account] || uint160(account) <= _progress[epoch].pushedThrough;
    }

    /// @notice The epoch's push cursor, what it has paid so far by claims and pushes, and what
    /// has been earmarked for it; it can still pay fundedUnits - paidUnits.
    function epochProgress(uint64 epoch)
        external
        view
        returns (address pushedThrough, uint256 paidUnits, uint256 fundedUnits)
    {
        Progress storage p = _progress[epoch];
        return (address(p.pushedThrough), p.paidUnits, _funding[epoch].fundedUnits);
    }

    /// @notice The part of the distributor's balance that fundEpoch can still earmark.
    function unearmarkedUnits() external view returns (uint256) {
        return _unearmarked(outstandingUnits);
    }

    /// @dev Never negative: with the trusted token the balance only falls by payments, each of
    /// which lowers outstandingUnits by as much; the guard keeps a view from reverting anyway.
    function _unearmarked(uint256 outstanding) private view returns (uint256) {
        uint256 balance = token.balanceOf(address(this));
        return balance > outstanding ? balance - outstanding : 0;
    }

    /// @dev Calls transfer(account, amount) on the token directly. The token is trusted (fixed at
    /// deployment and known to return true), so neither SafeERC20's handling of tokens that
    /// return nothing nor the high-level call's code-size check and return-data copy into fresh
    /// memory is needed; this saves about 300 gas per payment. A failed or false transfer reverts.
    function _pay(uint64 epoch, address account, uint256 amount, bool pushed) private {
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
        emit PayoutPaid(epoch, account, amount, pushed);
    }
}
