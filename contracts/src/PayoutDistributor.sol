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
/// @dev Trade-off of the proof-less push. A push carries no proofs: verifying a multiproof would
/// add calldata and hashing to every recipient, and its leaves would have to arrive in hash order,
/// which the paid-once rule below cannot use. Instead the operator is trusted to push exactly the
/// anchored leaves, and the contract bounds the damage of an operator mistake: an epoch never pays
/// out more than its anchored total, whether by claims or pushes, so one epoch's error cannot spend
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

    /// @notice One storage word per epoch: the push cursor and what the epoch has paid so far.
    struct Progress {
        // The highest account address that a push of this epoch has passed.
        uint160 pushedThrough;
        // Claims and pushes together; bounded by the anchored total, which fits in 96 bits.
        uint96 paidUnits;
    }

    mapping(uint64 epoch => Progress) private _progress;
    mapping(uint64 epoch => mapping(address account => bool)) private _claimed;
    mapping(uint64 epoch => bool) private _hasClaims;

    event PayoutPaid(uint64 indexed epoch, address indexed account, uint256 amount, bool pushed);

    error EpochNotAnchored(uint64 epoch);
    error AlreadyPaid(uint64 epoch, address account);
    error InvalidProof(uint64 epoch, address account, uint256 amount);
    error ExceedsEpochTotal(uint64 epoch, uint256 paidUnits, uint256 totalUnits);
    error LengthMismatch(uint256 accounts, uint256 amounts);
    error UnsortedBatch(uint256 index);
    error TransferFailed(address account);

    constructor(IERC20 token_, SettlementAnchor anchor_, address admin, address operator) {
        token = token_;
        anchor = anchor_;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(OPERATOR_ROLE, operator);
    }

    /// @notice Pays `account` its payout of `epoch` if (account, amount) is a leaf of the epoch's
    /// anchored payout root. Anyone may send it; the tokens always go to `account`.
    function claim(uint64 epoch, address account, uint256 amount, bytes32[] calldata proof) external {
        (bytes32 payoutRoot, uint256 totalUnits, uint64 anchoredAt) = anchor.epochs(epoch);
        if (anchoredAt == 0) revert EpochNotAnchored(epoch);
        Progress storage state = _progress[epoch];
        if (uint160(account) <= state.pushedThrough || _claimed[epoch][account]) {
            revert AlreadyPaid(epoch, account);
        }
        // OpenZeppelin StandardMerkleTree leaf: double hashing keeps a leaf from ever being read
        // as an inner node of 64 bytes.
        bytes32 leaf = keccak256(bytes.concat(keccak256(abi.encode(account, amount))));
        if (!MerkleProof.verifyCalldata(proof, payoutRoot, leaf)) revert InvalidProof(epoch, account, amount);

        uint256 paidUnits = state.paidUnits + amount;
        if (paidUnits > totalUnits) revert ExceedsEpochTotal(epoch, paidUnits, totalUnits);
        state.paidUnits = uint96(paidUnits); // totalUnits fits in 96 bits, so paidUnits does
        _claimed[epoch][account] = true;
        if (!_hasClaims[epoch]) _hasClaims[epoch] = true;
        _pay(epoch, account, amount, false);
    }

    /// @notice Pays a batch of the epoch's payouts, accounts in strictly ascending address order,
    /// continuing across batches. Accounts already paid (passed by an earlier push, or claimed) are
    /// skipped, so a batch can be sent again safely. Reverts as a whole if the epoch would pay more
    /// than its anchored total.
    /// @return paidCount how many accounts this call paid.
    function pushPayouts(uint64 epoch, address[] calldata accounts, uint256[] calldata amounts)
        external
        onlyRole(OPERATOR_ROLE)
        returns (uint256 paidCount)
    {
        if (accounts.length != amounts.length) revert LengthMismatch(accounts.length, amounts.length);
        (, uint256 totalUnits, uint64 anchoredAt) = anchor.epochs(epoch);
        if (anchoredAt == 0) revert EpochNotAnchored(epoch);

        Progress memory state = _progress[epoch];
        uint160 passed = state.pushedThrough;
        uint256 paidUnits = state.paidUnits;
        // Claims are rare next to pushes: read claim flags only when the epoch has had one.
        bool anyClaims = _hasClaims[epoch];
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
        if (paidUnits > totalUnits) revert ExceedsEpochTotal(epoch, paidUnits, totalUnits);
        if (previous > passed) state.pushedThrough = previous;
        state.paidUnits = uint96(paidUnits);
        _progress[epoch] = state;
    }

    /// @notice Whether `account` can no longer be paid for `epoch`: it has claimed, or a push has
    /// passed its address (for an account of the epoch's tree, that push paid it).
    function isPaid(uint64 epoch, address account) external view returns (bool) {
        return _claimed[epoch][account] || uint160(account) <= _progress[epoch].pushedThrough;
    }

    /// @notice The epoch's push cursor and what it has paid so far, by claims and pushes.
    function epochProgress(uint64 epoch) external view returns (address pushedThrough, uint256 paidUnits) {
        Progress storage p = _progress[epoch];
        return (address(p.pushedThrough), p.paidUnits);
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
